// Where a person goes after signing in comes from the address bar or a form (`tiep`), or from a
// sign-in request stored earlier: it must be a path on the portal, never another host.
//
// The judge is the WHATWG URL parser, because it is what the browser applies to the Location
// header: it drops tabs and line breaks and reads "\" as "/", so "/\t/evil.example" and
// "/\\evil.example" are "//evil.example", another host. A prefix check on the raw string cannot
// know that. The path is returned as the parser serialises it, percent-encoded ASCII, so no
// character can make the Location header itself fail (a 500 after the token was spent).

/** Longer than any page of the portal; a longer `tiep` is not a path anyone followed. */
export const MAX_REDIRECT_LENGTH = 2_000;

/** `to` as a path on `appUrl`'s origin, or null when it is not one. */
export function sameOriginPath(to: unknown, appUrl: string): string | null {
  if (typeof to !== "string" || to.length > MAX_REDIRECT_LENGTH || !to.startsWith("/")) return null;
  let url: URL;
  try {
    url = new URL(to, appUrl);
  } catch {
    return null;
  }
  if (url.origin !== new URL(appUrl).origin) return null;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
  if (url.pathname.startsWith("//")) return null;
  return url.pathname + url.search + url.hash;
}
