import { describe, expect, it } from "vitest";
import { mayRespond } from "./responding";
import { endOfVnDay } from "./time";

const deadlineAt = endOfVnDay(2021, 9, 30);
const base = {
  publishedAt: new Date("2021-09-01T00:00:00Z"),
  opensAt: new Date("2021-09-01T00:00:00Z"),
  deadlineAt,
  latePolicy: "refuse",
  extensionUntil: null,
};
const at = (ms: number) => new Date(deadlineAt.getTime() + ms);

describe("mayRespond", () => {
  it("accepts up to the deadline instant and refuses a millisecond later", () => {
    expect(mayRespond(base, at(0))).toEqual({ ok: true, late: false });
    expect(mayRespond(base, at(1))).toMatchObject({ ok: false, reason: expect.stringMatching(/Đã hết hạn góp ý/) });
  });

  it("lets a recipient with a running extension answer, on time", () => {
    const f = { ...base, extensionUntil: endOfVnDay(2021, 10, 5) };
    expect(mayRespond(f, at(1))).toEqual({ ok: true, late: false });
    expect(mayRespond(f, new Date(f.extensionUntil.getTime() + 1))).toMatchObject({ ok: false });
  });

  it("takes late answers, marked, only where the consultation allows it, and never late edits", () => {
    const f = { ...base, latePolicy: "accept_marked" };
    expect(mayRespond(f, at(1))).toEqual({ ok: true, late: true });
    expect(mayRespond(f, at(1), { allowLate: false })).toMatchObject({ ok: false });
  });

  it("refuses before the consultation opens or while it is unpublished", () => {
    expect(mayRespond({ ...base, publishedAt: null }, at(-1000))).toMatchObject({ ok: false });
    expect(mayRespond(base, new Date("2021-08-31T00:00:00Z"))).toMatchObject({ ok: false, reason: expect.stringMatching(/chưa mở/) });
  });
});
