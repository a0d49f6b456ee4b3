import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { nulStripper, wholeWithoutNul, withoutNul } from "./strip-nul.server";

/** Renders through React's streaming renderer the way entry.server.tsx does, optionally through the stripper. */
function render(children: string[], strip: boolean | "whole", pieces: Buffer[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(
      createElement(
        "div",
        null,
        children.map((c, i) => createElement("p", { key: i }, c)),
      ),
      {
        onAllReady() {
          const out = new PassThrough();
          const body = strip === "whole" ? out.pipe(wholeWithoutNul()) : strip ? out.pipe(nulStripper()) : out;
          body.on("data", (piece: Buffer) => pieces.push(piece));
          text(body).then(resolve, reject);
          pipe(out);
        },
        onError: reject,
      },
    );
  });
}

describe("the NUL bytes React 18 leaves at buffer ends", () => {
  // Vietnamese letters of 2 and 3 bytes in paragraphs of varied lengths: some land across the
  // 2,048-byte buffer boundary, as on the consultation form that showed "t\0\0ỉnh".
  const paragraphs = Array.from({ length: 300 }, (_, i) => `${"x".repeat(i % 7)}Ủy ban nhân dân tỉnh Sóc Trăng — dự thảo số ${i}`);

  it("appear without the stripper (so this test can fail), and never with it", async () => {
    expect(await render(paragraphs, false)).toContain("\0");
    const html = await render(paragraphs, true);
    expect(html).not.toContain("\0");
    expect(html).toContain("Ủy ban nhân dân tỉnh Sóc Trăng — dự thảo số 299");
  });

  it("leave other bytes untouched", () => {
    const bytes = Buffer.from("tỉnh", "utf8");
    expect(withoutNul(bytes)).toBe(bytes);
    expect(withoutNul(Buffer.from([0x74, 0, 0, 0xe1, 0xbb, 0x89]))).toEqual(Buffer.from("tỉ", "utf8"));
    expect(withoutNul(Buffer.from([0, 0x61, 0, 0x62, 0]))).toEqual(Buffer.from("ab"));
  });

  it("are gone from a page sent whole, which goes out as one piece", async () => {
    const pieces: Buffer[] = [];
    const html = await render(paragraphs, "whole", pieces);
    expect(pieces).toHaveLength(1);
    expect(html).toBe(await render(paragraphs, true));
  });
});
