import { describe, expect, it } from "vitest";
import { classifyFailure, retryDelayMs } from "./delivery";

describe("delivery failures", () => {
  it("retries connection problems and 4xx answers, gives up on 5xx and bad addresses", () => {
    expect(classifyFailure({ code: "ECONNECTION", message: "connect ECONNREFUSED" })).toBe("temporary");
    expect(classifyFailure({ code: "EMESSAGE", responseCode: 451 })).toBe("temporary");
    expect(classifyFailure({ code: "EENVELOPE", responseCode: 550 })).toBe("permanent");
    expect(classifyFailure({ code: "EENVELOPE" })).toBe("permanent");
    expect(classifyFailure({ code: "EAUTH", responseCode: 535 })).toBe("temporary");
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });
});
