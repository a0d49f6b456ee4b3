import { describe, expect, it } from "vitest";
import { type MyFacts, myStanding } from "./my-standing";
import { endOfVnDay } from "./time";

const deadline = endOfVnDay(2026, 12, 20);
const before = new Date(deadline.getTime() - 86_400_000);
const after = new Date(deadline.getTime() + 60_000);
const none: MyFacts = { activeComments: 0, agreedAt: null, extensionUntil: null, extensionRequest: null };
const rules = { deadlineAt: deadline, silenceIsConsent: true };

describe("myStanding", () => {
  it("counts the comments as they stand, and an agreement", () => {
    expect(myStanding({ ...none, activeComments: 3 }, rules, before)).toBe("đã góp ý 3 ý kiến");
    expect(myStanding({ ...none, agreedAt: before }, rules, after)).toBe("đã thống nhất với dự thảo");
  });

  it("says what became of a request for more time while the person has not answered", () => {
    const requested = { status: "pending", requestedUntil: endOfVnDay(2026, 12, 27) };
    expect(myStanding({ ...none, extensionRequest: requested }, rules, before)).toBe(
      "chưa trả lời; đã xin gia hạn đến hết ngày 27/12/2026 (23 giờ 59, giờ Việt Nam), đang chờ Văn phòng xem xét",
    );
    const granted = { ...none, extensionUntil: endOfVnDay(2026, 12, 27) };
    expect(myStanding(granted, rules, before)).toBe("chưa trả lời; được gia hạn đến hết ngày 27/12/2026 (23 giờ 59, giờ Việt Nam)");
    expect(myStanding(granted, rules, after)).toBe("được gia hạn đến hết ngày 27/12/2026 (23 giờ 59, giờ Việt Nam), chưa trả lời");
  });

  it("counts silence after the deadline as the consultation's rule says", () => {
    expect(myStanding(none, rules, before)).toBe("chưa trả lời");
    expect(myStanding(none, rules, after)).toBe("quá hạn, không có ý kiến — xem như thống nhất");
    expect(myStanding(none, { ...rules, silenceIsConsent: false }, after)).toBe("quá hạn, không có ý kiến");
  });
});
