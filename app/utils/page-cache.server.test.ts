import { describe, expect, it } from "vitest";
import { createPageCache, pageCacheKey } from "./page-cache.server";

const get = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("pageCacheKey", () => {
  it("caches only anonymous GETs of the list and consultation pages", () => {
    expect(pageCacheKey(get("http://x/"))).toBe("/");
    expect(pageCacheKey(get("http://x/lay-y-kien/abc123"))).toBe("/lay-y-kien/abc123");
    expect(pageCacheKey(get("http://x/lay-y-kien/abc123", { cookie: "__session=s" }))).toBeNull();
    expect(pageCacheKey(get("http://x/lay-y-kien/abc123.data"))).toBeNull();
    expect(pageCacheKey(get("http://x/lay-y-kien/abc123?x=1"))).toBeNull();
    expect(pageCacheKey(get("http://x/office"))).toBeNull();
    expect(pageCacheKey(new Request("http://x/", { method: "POST" }))).toBeNull();
  });
});

describe("createPageCache", () => {
  it("renders once per interval, once for simultaneous requests, and again after it expires", async () => {
    let now = 0;
    let renders = 0;
    const cache = createPageCache({ ttlMs: 2_000, clock: () => now });
    const produce = async () => new Response(`render ${++renders}`, { status: 200 });
    const first = await Promise.all([1, 2, 3].map(() => cache.fetch("/", produce)));
    expect(renders).toBe(1);
    expect(first.map((r) => new TextDecoder().decode(r.page.body))).toEqual(["render 1", "render 1", "render 1"]);
    now = 1_999;
    expect((await cache.fetch("/", produce)).hit).toBe(true);
    now = 2_000;
    const later = await cache.fetch("/", produce);
    expect(later.hit).toBe(false);
    expect(new TextDecoder().decode(later.page.body)).toBe("render 2");
  });

  it("keeps neither errors nor responses that set a cookie", async () => {
    const cache = createPageCache();
    let renders = 0;
    await cache.fetch("/a", async () => {
      renders++;
      return new Response("x", { status: 404 });
    });
    await cache.fetch("/a", async () => {
      renders++;
      return new Response("x", { status: 404 });
    });
    await cache.fetch("/b", async () => {
      renders++;
      return new Response("x", { headers: { "set-cookie": "a=b" } });
    });
    await cache.fetch("/b", async () => {
      renders++;
      return new Response("x", { headers: { "set-cookie": "a=b" } });
    });
    expect(renders).toBe(4);
    expect(cache.size()).toBe(0);
  });
});
