// React 18.3's streaming renderer encodes HTML into 2,048-byte buffers and, when a multi-byte
// character (any Vietnamese letter with a diacritic) falls across a buffer's end, sends the whole
// buffer, unwritten zero bytes included (facebook/react#31134, fixed only in React 19 by #26228).
// A NUL inside a re-rendered field came back in the next POST and was refused as broken UTF-8, so a
// clerk shown one field error could not send the form again. No byte 0x00 is ever part of a UTF-8
// sequence of another character, and our pages never mean one, so every one is dropped.
import { Transform } from "node:stream";

export function withoutNul(chunk: Buffer): Buffer {
  let at = chunk.indexOf(0);
  if (at === -1) return chunk;
  // Copied around the zeros by indexOf: a filter callback per byte took 10 ms on a whole page.
  const parts: Buffer[] = [];
  let from = 0;
  for (; at !== -1; at = chunk.indexOf(0, from)) {
    parts.push(chunk.subarray(from, at));
    from = at + 1;
  }
  parts.push(chunk.subarray(from));
  return Buffer.concat(parts);
}

export function nulStripper(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, withoutNul(chunk));
    },
  });
}

/**
 * The same, for a document sent whole: React writes a page in some forty 2 KB pieces, and each
 * piece went on through the stream layers, gzip's thread pool and a socket write of its own (on
 * the signed-in reading page that was a third of the CPU). No route defers data, so nothing is
 * gained by sending the first pieces early; the page goes out as one buffer, `finish`ed (fillSlots).
 */
export function wholeWithoutNul(finish: (page: Buffer) => Buffer = (page) => page): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
    flush(done) {
      done(null, finish(withoutNul(Buffer.concat(chunks))));
    },
  });
}
