// What the server tells browsers, and whom it believes, against the real server: the scripts a
// document may run (a nonce per render), what may be cached, HSTS when the portal is served over
// https, and forms posted through a reverse proxy that rewrites Host.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const OFFICIAL = "doan.thi.thu.trang@example.gov.vn";

let server: RunningServer;
let consultationPath: string;
let official: string;
let office: string;

beforeAll(async () => {
  server = await startServer({ SCHEDULER: "off" });
  consultationPath = `/lay-y-kien/${(await server.db.get<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC LIMIT 1`))!.id}`;
  official = await sessionCookieFor(server, { email: OFFICIAL });
  office = await sessionCookieFor(server, { role: "office" });
});

afterAll(async () => {
  await server?.stop();
});

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });

/** The document's policy (the one naming script-src) and its nonce. */
function documentPolicy(r: Response): { policy: string; nonce: string } {
  const policy = r.headers
    .get("content-security-policy")!
    .split(", ")
    .find((p) => p.includes("script-src"))!;
  return { policy, nonce: /'nonce-([^']+)'/.exec(policy)![1]! };
}

/** Every <script> tag in the page, as written. */
const scriptTags = (html: string) => html.match(/<script\b[^>]*>/g) ?? [];

describe("the Content-Security-Policy of a document", () => {
  it("lets only the portal's own files and the scripts carrying this render's nonce run", async () => {
    const r = await get(consultationPath, official);
    const { policy, nonce } = documentPolicy(r);
    expect(policy).toMatch(/(^|; )default-src 'self'(;|$)/);
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).toContain("frame-ancestors 'none'");
    const tags = scriptTags(await r.text());
    expect(tags.filter((t) => !t.includes(" src=")).length).toBeGreaterThan(1); // Remix's inline scripts are there
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("gives each render its own nonce", async () => {
    const [a, b] = [await get(consultationPath, official), await get(consultationPath, official)];
    expect(documentPolicy(a).nonce).not.toBe(documentPolicy(b).nonce);
    expect(documentPolicy(a).nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("matches the nonce of a page served from the anonymous page cache", async () => {
    await get(consultationPath);
    const cached = await get(consultationPath);
    expect(cached.headers.get("x-page-cache")).toBe("hit");
    const { nonce } = documentPolicy(cached);
    for (const tag of scriptTags(await cached.text())) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("is on error pages too", async () => {
    const r = await get("/lay-y-kien/khong-co");
    expect(r.status).toBe(404);
    const { nonce } = documentPolicy(r);
    for (const tag of scriptTags(await r.text())) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

describe("caching", () => {
  it("keeps what is rendered for someone signed in out of every cache", async () => {
    for (const [path, cookie] of [
      [consultationPath, official],
      ["/", official],
      ["/office", office],
      ["/office/mailbox", office],
    ] as const) {
      expect((await get(path, cookie)).headers.get("cache-control"), path).toBe("private, no-store");
    }
    const data = await get(`${consultationPath}?_data=${encodeURIComponent("routes/lay-y-kien.$consultationId")}`, official);
    expect(data.status).toBe(200);
    expect(data.headers.get("cache-control")).toBe("private, no-store");
  });

  it("leaves a page read without signing in cacheable", async () => {
    expect((await get(consultationPath)).headers.get("cache-control")).toBeNull();
  });
});

describe("Strict-Transport-Security", () => {
  it("is not sent when the portal's address is http", async () => {
    expect((await get("/")).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("behind a reverse proxy with an https address", () => {
  const APP_URL = "https://gopy.example.gov.vn";
  let proxied: RunningServer;

  beforeAll(async () => {
    proxied = await startServer({ SCHEDULER: "off", APP_URL, TRUST_PROXY: "true" });
  });

  afterAll(async () => {
    await proxied?.stop();
  });

  /** A sign-in form as nginx passes it on by default: the browser's Origin, Host rewritten to the upstream's. */
  const signIn = (origin: string, ip = "203.0.113.7") =>
    fetch(`${proxied.url}/dang-nhap`, {
      method: "POST",
      headers: { origin, "x-forwarded-for": ip, "x-forwarded-proto": "https", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "request", email: "khong.co@example.gov.vn" }),
    });

  it("sends HSTS on every response", async () => {
    for (const path of ["/", "/favicon.svg", "/healthz", "/khong-co"]) {
      expect((await fetch(`${proxied.url}${path}`)).headers.get("strict-transport-security"), path).toBe("max-age=31536000");
    }
  });

  it("takes a form whose Origin is the portal's address, whatever Host the proxy sends", async () => {
    const r = await signIn(APP_URL);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("chúng tôi vừa gửi thư có mã đăng nhập");
  });

  it("refuses a form from any other origin, the upstream's own address included", async () => {
    for (const origin of ["https://evil.example", proxied.url, "null"]) {
      const r = await signIn(origin);
      expect(r.status, origin).toBe(403);
      expect(await r.text()).toBe("Yêu cầu bị từ chối: gửi từ một trang web khác.");
    }
  });

  it("believes the proxy's X-Forwarded-For with TRUST_PROXY=true", async () => {
    await signIn(APP_URL, "198.51.100.23");
    const ips = (await proxied.db.all<{ ip: string }>(`SELECT ip FROM "SignInAttempt"`)).map((a) => a.ip);
    expect(ips).toContain("198.51.100.23");
  });
});

describe("TRUST_PROXY", () => {
  it("stops the server with a Vietnamese sentence naming it when its value makes no sense", async () => {
    const failure = await startServer({ TRUST_PROXY: "mọi proxy" }).then(
      (s) => s.stop().then(() => ""),
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/server exited with 1/);
    expect(failure).toContain("TRUST_PROXY: phải là true, false, số proxy đứng trước cổng");
    expect(failure).not.toMatch(/TypeError|\n\s+at /);
  });
});
