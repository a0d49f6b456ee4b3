import { describe, expect, it } from "vitest";
import { consultationPhase } from "./consultation";
import { endOfVnDay } from "./time";

describe("consultationPhase", () => {
  const deadlineAt = endOfVnDay(2021, 9, 30);
  const c = { publishedAt: new Date("2021-09-01T00:00:00Z"), opensAt: new Date("2021-09-01T00:00:00Z"), deadlineAt };
  const at = (ms: number) => new Date(deadlineAt.getTime() + ms);

  it("is open up to and including the deadline instant, closed a millisecond after", () => {
    expect(consultationPhase(c, at(-1))).toBe("open");
    expect(consultationPhase(c, at(0))).toBe("open");
    expect(consultationPhase(c, at(1))).toBe("closed");
  });

  it("is not open before it opens, nor ever while unpublished", () => {
    expect(consultationPhase(c, new Date("2021-08-31T23:59:59Z"))).toBe("upcoming");
    expect(consultationPhase({ ...c, publishedAt: null }, at(-1))).toBe("unpublished");
  });
});
