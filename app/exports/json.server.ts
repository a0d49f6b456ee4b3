// The consolidated report as JSON, `{ header, summary, rows: [...] }` (reportJsonSchema in
// app/domain/report-json.ts): the exact text of every comment, for other programs. Written as it
// is read, one row per line, never as one string of the whole report.
import type { ReportData } from "~/domain/report";
import { chunksToWebStream, writeChunks } from "./stream.server";

const ROWS_PER_CHUNK = 40;

export async function* reportJsonChunks(input: ReportData): AsyncGenerator<string> {
  yield `{\n"header": ${JSON.stringify(input.header)},\n"summary": ${JSON.stringify(input.summary)},\n"rows": [`;
  let separator = "\n";
  for await (const batch of input.rows) {
    // Chunks of a few dozen rows (~40 KB) stay small enough for V8's young generation.
    for (let from = 0; from < batch.length; from += ROWS_PER_CHUNK) {
      yield separator +
        batch
          .slice(from, from + ROWS_PER_CHUNK)
          .map((row) => JSON.stringify(row))
          .join(",\n");
      separator = ",\n";
    }
  }
  yield "\n]\n}\n";
}

/** Writes the JSON to a file or any Node stream, as fast as it drains; ends `out`. */
export function writeReportJson(input: ReportData, out: NodeJS.WritableStream): Promise<void> {
  return writeChunks(reportJsonChunks(input), out);
}

/** The JSON as a Response body, with `content-type: application/json; charset=utf-8`. */
export function reportJsonStream(input: ReportData): ReadableStream<Uint8Array> {
  return chunksToWebStream(reportJsonChunks(input));
}

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";
