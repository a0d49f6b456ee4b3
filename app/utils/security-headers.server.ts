// The headers that tell browsers what a page may do. Every response carries the base ones
// (scripts/serve.mjs); an HTML document adds its Content-Security-Policy with the nonce of the
// inline scripts Remix writes into it (app/entry.server.tsx). Two policies on one response both
// apply, so the base policy holds only what no document relaxes.
import { randomBytes } from "node:crypto";

const BASE_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

/** For every response. HSTS only when the portal's public address is https. */
export function securityHeaders(appUrl: string): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": BASE_POLICY,
    ...(new URL(appUrl).protocol === "https:" ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** A fresh nonce for one rendered document. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/** An HTML document's policy: its own files, and inline scripts only with this render's nonce. */
export function documentPolicy(nonce: string): string {
  return ["default-src 'self'", `script-src 'self' 'nonce-${nonce}'`, "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", BASE_POLICY].join("; ");
}
