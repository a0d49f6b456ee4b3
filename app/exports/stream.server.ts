// Exports are produced as an async sequence of text chunks, pulled one at a time: the same
// sequence goes to a file (the CLI) or into an HTTP response (a resource route), and in both
// cases the next batch of rows is read only when the reader has taken the previous one.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Writes the chunks to `out` and ends it; on failure `out` is destroyed with the error. */
export async function writeChunks(chunks: AsyncIterable<string>, out: NodeJS.WritableStream): Promise<void> {
  // Byte mode: at most ~16 KiB waits in the readable's buffer, so memory follows the reader.
  await pipeline(Readable.from(chunks, { objectMode: false }), out);
}

/** A web ReadableStream of UTF-8 bytes for a Response body; cancelling it stops the row source. */
export function chunksToWebStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
