import { describe, expect, it } from "vitest";
import { answerDeadline, recipientStanding } from "./silence";
import { endOfVnDay } from "./time";

const deadlineAt = endOfVnDay(2021, 9, 30);
const rules = { deadlineAt, silenceIsConsent: true };
const silent = { activeComments: 0, agreedAt: null, extensionUntil: null };
const at = (ms: number) => new Date(deadlineAt.getTime() + ms);

describe("recipientStanding", () => {
  it("turns silence into agreement one millisecond after the deadline, not before", () => {
    expect(recipientStanding(silent, rules, at(-1))).toBe("awaiting");
    expect(recipientStanding(silent, rules, at(0))).toBe("awaiting");
    expect(recipientStanding(silent, rules, at(1))).toBe("deemed_agree");
  });

  it("keeps a recipient pending until their extension ends", () => {
    const extensionUntil = endOfVnDay(2021, 10, 5);
    const r = { ...silent, extensionUntil };
    expect(recipientStanding(r, rules, at(1))).toBe("extension");
    expect(recipientStanding(r, rules, extensionUntil)).toBe("extension");
    expect(recipientStanding(r, rules, new Date(extensionUntil.getTime() + 1))).toBe("deemed_agree");
    expect(answerDeadline(r, rules)).toBe(extensionUntil);
  });

  it("counts a withdrawn comment as no comment", () => {
    expect(recipientStanding({ ...silent, activeComments: 1 }, rules, at(1))).toBe("commented");
    expect(recipientStanding({ ...silent, activeComments: 0 }, rules, at(1))).toBe("deemed_agree");
  });

  it("says 'no reply' rather than agreement when silence-as-consent is off", () => {
    expect(recipientStanding(silent, { ...rules, silenceIsConsent: false }, at(1))).toBe("no_reply");
  });

  it("prefers what the recipient did over what the clock says", () => {
    expect(recipientStanding({ ...silent, agreedAt: at(-5) }, rules, at(10))).toBe("agreed");
  });
});
