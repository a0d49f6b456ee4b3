import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "./env.server";

describe("TRUST_PROXY", () => {
  it("takes what Express's trust proxy setting takes", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("TRUE")).toBe(true);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("loopback")).toEqual(["loopback"]);
    expect(parseTrustProxy("loopback, 10.0.0.0/8, fd00::/8, 192.168.1.5")).toEqual(["loopback", "10.0.0.0/8", "fd00::/8", "192.168.1.5"]);
  });

  it("refuses what would stop Express at start-up with an English stack trace", () => {
    for (const value of ["yes", "mọi proxy", "10.0.0.0/33", "10.0.0.1/8/8", "1.5", "300.1.1.1", "loopback,"]) {
      expect(parseTrustProxy(value), value).toBeNull();
    }
  });
});
