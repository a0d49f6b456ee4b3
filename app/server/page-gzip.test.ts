import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type Carried, fillSlots, gzipPage, precompress, slotMarker } from "./page-gzip.server";

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

describe("fillSlots", () => {
  const marked = (before: string, after: string) => Buffer.from(`${before}${slotMarker("v1")}${after}`);

  it("puts the piece where React left its marker, and says where, so gzip need not search", () => {
    const carried: Carried = { pieces: [], at: [] };
    const html = fillSlots(marked("<main>Dự thảo: ", "</main>"), new Map([["v1", draft]]), carried);
    expect(html.equals(page("<main>Dự thảo: ", "</main>"))).toBe(true);
    expect(carried.at).toEqual([Buffer.byteLength("<main>Dự thảo: ")]);
    const gz = gzipPage(html, carried.pieces, carried.at);
    expect(gunzipSync(gz).equals(html)).toBe(true);
    expect(gz.indexOf(draft.deflated)).toBeGreaterThan(0);
  });

  it("leaves a page without the marker as it is, and a wrong place is searched for instead of trusted", () => {
    const carried: Carried = { pieces: [], at: [] };
    const plain = Buffer.from("<p>Không có dự thảo</p>");
    expect(fillSlots(plain, new Map([["v1", draft]]), carried)).toBe(plain);
    expect(carried.pieces).toEqual([]);
    const html = page("<a>", "<b>");
    expect(gunzipSync(gzipPage(html, [draft], [1])).equals(html)).toBe(true);
    expect(gunzipSync(gzipPage(html, [draft], [html.length + 5])).equals(html)).toBe(true);
  });

  it("fills two markers of two pieces in page order", () => {
    const other = precompress("<section>Phụ lục</section>".repeat(50));
    const carried: Carried = { pieces: [], at: [] };
    const src = Buffer.from(`<a>${slotMarker("v2")}<b>${slotMarker("v1")}<c>`);
    const html = fillSlots(
      src,
      new Map([
        ["v1", draft],
        ["v2", other],
      ]),
      carried,
    );
    expect(html.equals(Buffer.concat([Buffer.from("<a>"), other.bytes, Buffer.from("<b>"), draft.bytes, Buffer.from("<c>")]))).toBe(true);
    expect(carried.pieces).toEqual([other, draft]);
    expect(gunzipSync(gzipPage(html, carried.pieces, carried.at)).equals(html)).toBe(true);
  });
});
