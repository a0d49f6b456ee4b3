import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gzipPage, precompress } from "./page-gzip.server";

const draft = precompress(
  `<section class="draft-section"><h2>I. Mục tiêu</h2>${"<p>Phát triển kinh tế – xã hội bền vững, ổn định.</p>".repeat(400)}</section>`,
);
const page = (before: string, after: string) => Buffer.concat([Buffer.from(before), draft.bytes, Buffer.from(after)]);

describe("gzipPage", () => {
  it("unpacks to the page exactly, with the draft's deflated bytes as they were made", () => {
    const html = page(`<!DOCTYPE html><html><head><title>Dự thảo</title></head><body>`, `<aside>Góp ý của đồng chí</aside></body></html>`);
    const gz = gzipPage(html, [draft]);
    expect(gunzipSync(gz).equals(html)).toBe(true);
    expect(gz.indexOf(draft.deflated)).toBeGreaterThan(0); // not compressed again
  });

  it("takes the draft at the very start or end of the page, and a page that is only the draft", () => {
    for (const html of [page("", "</body>"), page("<body>", ""), page("", "")]) {
      expect(gunzipSync(gzipPage(html, [draft])).equals(html)).toBe(true);
    }
  });

  it("compresses a page without the draft as any other, and the same draft twice once then inline", () => {
    const other = Buffer.from("<p>Không có dự thảo</p>".repeat(100));
    expect(gunzipSync(gzipPage(other, [draft])).equals(other)).toBe(true);
    const twice = Buffer.concat([page("<a>", "<b>"), draft.bytes]);
    expect(gunzipSync(gzipPage(twice, [draft])).equals(twice)).toBe(true);
    expect(gunzipSync(gzipPage(twice, [draft, draft])).equals(twice)).toBe(true);
  });

  it("is smaller than the page by far, as gzip at level 1 would be", () => {
    const html = page("<body>", "</body>");
    expect(gzipPage(html, [draft]).length).toBeLessThan(html.length / 5);
  });
});
