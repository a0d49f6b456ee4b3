import { describe, expect, it } from "vitest";
import { NO_DECISION_YET, publishedDecision, resultTimingProblem } from "./result-publication";

const deadline = new Date("2026-12-06T16:59:59.999Z");
const published = new Date("2026-11-20T00:00:00Z");

describe("resultTimingProblem", () => {
  it("refuses before the deadline, the deadline instant included", () => {
    expect(resultTimingProblem({ publishedAt: published, deadlineAt: deadline, lastExtensionUntil: null }, deadline)).toMatch(/Chưa hết hạn góp ý/);
  });
  it("refuses while someone's own extension runs", () => {
    const until = new Date("2026-12-10T16:59:59.999Z");
    expect(resultTimingProblem({ publishedAt: published, deadlineAt: deadline, lastExtensionUntil: until }, new Date("2026-12-08T00:00:00Z"))).toMatch(
      /gia hạn góp ý đến hết ngày 10\/12\/2026/,
    );
  });
  it("allows it once the deadline and every extension are over", () => {
    expect(resultTimingProblem({ publishedAt: published, deadlineAt: deadline, lastExtensionUntil: deadline }, new Date("2026-12-07T00:00:00Z"))).toBeNull();
  });
  it("refuses a consultation that was never published", () => {
    expect(resultTimingProblem({ publishedAt: null, deadlineAt: deadline, lastExtensionUntil: null }, new Date("2027-01-01T00:00:00Z"))).toMatch(
      /chưa được công bố/,
    );
  });
});

describe("publishedDecision", () => {
  const at = new Date("2026-12-08T03:00:00Z");
  it("gives the label and explanation of a decision on the current wording", () => {
    const d = publishedDecision(
      { kind: "explained", explanation: " Đã có ở mục III. ", decidedAt: new Date("2026-12-07T03:00:00Z"), decidedRevision: 0, revision: 0 },
      at,
    );
    expect(d).toEqual({ label: "Giải trình", explanation: "Đã có ở mục III.", state: "decided", note: null });
  });
  it("says when a decision was changed after the result was published", () => {
    const d = publishedDecision({ kind: "accepted", explanation: "", decidedAt: new Date("2026-12-09T02:30:00Z"), decidedRevision: 0, revision: 0 }, at);
    expect(d.note).toBe("Văn phòng cập nhật lúc 09:30 ngày 9/12/2026, sau khi công bố kết quả.");
  });
  it("gives no answer for an undecided comment or one decided on an earlier wording", () => {
    expect(publishedDecision({ kind: null, explanation: null, decidedAt: null, decidedRevision: null, revision: 0 }, at).label).toBe(NO_DECISION_YET);
    const review = publishedDecision({ kind: "accepted", explanation: "", decidedAt: at, decidedRevision: 0, revision: 1 }, at);
    expect(review.state).toBe("pending");
    expect(review.label).toBe("Đang xem xét lại");
  });
});
