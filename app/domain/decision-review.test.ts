import { describe, expect, it } from "vitest";
import { decisionStatus, staleWordingProblem } from "./decision-review";

describe("decisionStatus", () => {
  it("is undecided without a decision, decided on the current wording, needs review on an earlier one", () => {
    expect(decisionStatus(null, 0)).toBe("undecided");
    expect(decisionStatus(null, 3)).toBe("undecided");
    expect(decisionStatus(0, 0)).toBe("decided");
    expect(decisionStatus(2, 2)).toBe("decided");
    expect(decisionStatus(0, 1)).toBe("needs_review");
    expect(decisionStatus(1, 3)).toBe("needs_review");
  });
});

describe("staleWordingProblem", () => {
  it("accepts a form that showed the current wording and refuses, in Vietnamese, one that showed another", () => {
    expect(staleWordingProblem(2, 2)).toBeNull();
    expect(staleWordingProblem(1, 2)).toMatch(/^Người góp ý đã sửa nội dung ý kiến này sau khi trang được mở/);
  });
});
