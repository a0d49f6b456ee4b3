// Requests to the real server as a browser without JavaScript sends them: urlencoded forms, the
// session cookie, and the client's address in X-Forwarded-For (the server runs with TRUST_PROXY=1,
// as behind a reverse proxy, so each test can speak from its own IP).
import { createHash } from "node:crypto";

export interface From {
  ip?: string;
  userAgent?: string;
  cookie?: string | null;
}

function headers(from: From, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...extra,
    ...(from.ip ? { "x-forwarded-for": from.ip } : {}),
    ...(from.userAgent ? { "user-agent": from.userAgent } : {}),
    ...(from.cookie ? { cookie: from.cookie } : {}),
  };
}

export function get(baseUrl: string, path: string, from: From = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { headers: headers(from), redirect: "manual" });
}

export function post(baseUrl: string, path: string, fields: Record<string, string>, from: From = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: headers(from, { "content-type": "application/x-www-form-urlencoded" }),
    redirect: "manual",
  });
}

/** The Cookie header a browser sends back after this response's Set-Cookie. */
export function cookieFrom(response: Response): string {
  const set = response.headers.get("set-cookie");
  if (!set) throw new Error(`no Set-Cookie in a ${response.status} response`);
  return set.split(";")[0]!;
}

/** The database id of the session in a `__session` cookie: the SHA-256 of the value Remix wrote. */
export function sessionIdOf(cookie: string): string {
  const value = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  const raw = JSON.parse(Buffer.from(value, "base64").toString("utf8")) as string;
  return createHash("sha256").update(raw).digest("hex");
}

export function codeIn(text: string): string {
  const m = /Mã đăng nhập: (\d{6})/.exec(text);
  if (!m) throw new Error(`no sign-in code in:\n${text}`);
  return m[1]!;
}

export function tokenIn(text: string): string {
  const m = /\/dang-nhap\/xac-nhan\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no sign-in link in:\n${text}`);
  return m[1]!;
}
