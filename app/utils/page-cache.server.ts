// A micro-cache for what every anonymous reader sees alike: the list of drafts and a consultation
// page, without a cookie. Entries live a couple of seconds, so a change shows up almost at once,
// while a crowd reading the same draft costs one render per interval instead of one each.
// Anything with a cookie (a signed-in official) or a query string is rendered for itself.

export interface CachedPage {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

interface Entry {
  page: CachedPage;
  expiresAt: number;
}

const CACHEABLE_PATH = /^\/(?:lay-y-kien\/[A-Za-z0-9_-]+)?$/;

export function pageCacheKey(request: Request): string | null {
  if (request.method !== "GET" || request.headers.has("cookie")) return null;
  const url = new URL(request.url);
  if (url.search || !CACHEABLE_PATH.test(url.pathname)) return null;
  return url.pathname;
}

export function createPageCache({ ttlMs = 2_000, maxEntries = 500, clock = () => Date.now() } = {}) {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<CachedPage>>();

  async function render(key: string, produce: () => Promise<Response>): Promise<CachedPage> {
    const response = await produce();
    const page: CachedPage = {
      status: response.status,
      headers: [...response.headers.entries()],
      body: new Uint8Array(await response.arrayBuffer()),
    };
    if (response.status === 200 && !response.headers.has("set-cookie")) {
      entries.delete(key);
      entries.set(key, { page, expiresAt: clock() + ttlMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return page;
  }

  return {
    /** The cached page when fresh; otherwise renders once, however many ask at the same moment. */
    async fetch(key: string, produce: () => Promise<Response>): Promise<{ page: CachedPage; hit: boolean }> {
      const entry = entries.get(key);
      if (entry && entry.expiresAt > clock()) return { page: entry.page, hit: true };
      let pending = inFlight.get(key);
      if (!pending) {
        pending = render(key, produce).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return { page: await pending, hit: false };
    },
    size: () => entries.size,
  };
}
