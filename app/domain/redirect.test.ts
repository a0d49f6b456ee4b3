import { describe, expect, it } from "vitest";
import { MAX_REDIRECT_LENGTH, sameOriginPath } from "./redirect";

const APP = "https://gopy.cantho.example.gov.vn";

/** Where a browser would go with this path in a Location header on the portal. */
const landing = (path: string) => new URL(path, APP).origin;

describe("sameOriginPath", () => {
  it("keeps a path on the portal, with its query and fragment", () => {
    expect(sameOriginPath("/lay-y-kien/abc?trang=2#phan-ii", APP)).toBe("/lay-y-kien/abc?trang=2#phan-ii");
    expect(sameOriginPath("/", APP)).toBe("/");
  });

  it.each([
    ["a tab before a second slash", "/\t/evil.example"],
    ["a tab and a backslash", "/\t\\evil.example"],
    ["a backslash", "/\\evil.example"],
    ["a line break", "/\n/evil.example"],
    ["two slashes", "//evil.example"],
    ["a dot segment before two slashes", "/.//evil.example"],
    ["an absolute address", "https://evil.example/"],
    ["another scheme", "javascript:alert(1)"],
    ["a relative path", "evil.example"],
    ["nothing", ""],
  ])("refuses %s", (_name, to) => {
    expect(sameOriginPath(to, APP)).toBeNull();
  });

  it("refuses what is not a string and what is too long to be a page", () => {
    expect(sameOriginPath(null, APP)).toBeNull();
    expect(sameOriginPath(undefined, APP)).toBeNull();
    expect(sameOriginPath(`/${"a".repeat(MAX_REDIRECT_LENGTH)}`, APP)).toBeNull();
  });

  it("turns characters a header cannot carry into percent-escapes that stay on the portal", () => {
    for (const to of ["/x\r\nSet-Cookie: a=b", "/lay-y-kiến?q=ý kiến", "/a\u0000b", "/\u2028x"]) {
      const path = sameOriginPath(to, APP)!;
      expect(path).toMatch(/^\/[\x21-\x7e]*$/);
      expect(landing(path)).toBe(APP);
    }
    expect(sameOriginPath("/lay-y-kiến", APP)).toBe("/lay-y-ki%E1%BA%BFn");
  });
});
