import { describe, expect, it } from "vitest";
import { CITIZEN_AUTHOR, publicReportRow } from "./public-report";
import type { ReportRow } from "./report";

const row: ReportRow = {
  number: 1,
  commentId: "c1",
  scope: "general",
  section: "Góp ý chung",
  sectionAnchor: null,
  organization: "Sở Y tế",
  authorName: "Đoàn Thị Thu Trang",
  authorTitle: "Giám đốc Sở Y tế",
  quote: null,
  text: "Đề nghị bổ sung.",
  createdAt: "2026-11-03T16:37:23.303Z",
  updatedAt: "2026-11-03T16:37:23.303Z",
  isLate: false,
  disposition: "accepted",
  explanation: "",
  decidedAt: "2026-11-16T16:59:59.999Z",
  dispositionNeedsReview: false,
};

describe("publicReportRow", () => {
  it("keeps an official's name, title and organisation, as the Decree 30 report gives them", () => {
    expect(publicReportRow(row)).toEqual(row);
  });
  it("shows a citizen's public comment as theirs without their name", () => {
    const citizen = publicReportRow({ ...row, organization: "", authorName: "Trần Văn C", authorTitle: "" });
    expect(citizen.authorName).toBe(CITIZEN_AUTHOR);
    expect(JSON.stringify(citizen)).not.toContain("Trần Văn C");
  });
});
