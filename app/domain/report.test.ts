import { describe, expect, it } from "vitest";
import { plainParagraph } from "./draft-text";
import { commentParagraphText, type ReportHeader, reportFileName, reviewSummary, rowDecision } from "./report";
import { docToPlainText, paragraphsToDoc } from "./tiptap";

describe("commentParagraphText", () => {
  it("separates paragraphs with a blank line and keeps line breaks inside one", () => {
    const doc = paragraphsToDoc([plainParagraph("Dòng một,\ndòng hai."), plainParagraph("Đoạn thứ hai.")]);
    expect(docToPlainText(doc)).toBe("Dòng một,\ndòng hai.\nĐoạn thứ hai.");
    expect(commentParagraphText(JSON.stringify(doc), docToPlainText(doc))).toBe("Dòng một,\ndòng hai.\n\nĐoạn thứ hai.");
  });

  it("reads list items as paragraphs of their own", () => {
    const item = (text: string) => ({ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
    const doc = { type: "doc", content: [{ type: "bulletList", content: [item("Một"), item("Hai")] }] };
    expect(commentParagraphText(JSON.stringify(doc), "")).toBe("Một\n\nHai");
  });

  it("falls back to the stored plain text when the JSON cannot be read", () => {
    expect(commentParagraphText("{}", "Góp ý.")).toBe("Góp ý.");
    expect(commentParagraphText("không phải JSON", "Góp ý.")).toBe("Góp ý.");
  });
});

describe("reportFileName", () => {
  const header = {
    consultationTitle: "Dự thảo Kế hoạch: ứng dụng TTNT / Sóc Trăng",
    // 18:00 UTC on 4 January is 5 January in Vietnam.
    generatedAt: "2027-01-04T18:00:00.000Z",
    interim: false,
  } as ReportHeader;

  it("names the file by title and Vietnam date, without characters a file system refuses", () => {
    expect(reportFileName(header, "docx")).toEqual({
      full: "Bảng tổng hợp ý kiến - Dự thảo Kế hoạch ứng dụng TTNT Sóc Trăng - 2027-01-05.docx",
      ascii: "Bang-tong-hop-y-kien-Du-thao-Ke-hoach-ung-dung-TTNT-Soc-Trang-2027-01-05.docx",
    });
  });

  it("says when the report is interim", () => {
    expect(reportFileName({ ...header, interim: true }, "csv").full).toBe(
      "Bảng tổng hợp ý kiến - Dự thảo Kế hoạch ứng dụng TTNT Sóc Trăng (tạm thời) - 2027-01-05.csv",
    );
  });
});

describe("the decision column", () => {
  it("gives the decision and its explanation, nothing while undecided", () => {
    expect(rowDecision({ disposition: "explained", explanation: "Đã có ở Phần V.", dispositionNeedsReview: false })).toEqual({
      label: "Giải trình",
      explanation: "Đã có ở Phần V.",
    });
    expect(rowDecision({ disposition: null, explanation: "", dispositionNeedsReview: false })).toBeNull();
  });

  it("says a decision made on an earlier wording is being reviewed, never the earlier answer", () => {
    const d = rowDecision({ disposition: null, explanation: "", dispositionNeedsReview: true })!;
    expect(d.label).toBe("Đang xem xét lại");
    expect(d.explanation).toBe("Người góp ý đã sửa nội dung sau khi Văn phòng xử lý; ý kiến xử lý đang được xem xét lại.");
    // Even if a caller left the old kind on the row, the column does not give it.
    expect(rowDecision({ disposition: "accepted", explanation: "", dispositionNeedsReview: true })!.label).toBe("Đang xem xét lại");
  });

  it("counts decisions under review apart in the summary, and says nothing when there are none", () => {
    expect(reviewSummary({ dispositionsNeedingReview: 0 })).toBe("");
    expect(reviewSummary({ dispositionsNeedingReview: 2 })).toBe(
      " Chưa tính 2 ý kiến đang xem xét lại do người góp ý đã sửa nội dung sau khi Văn phòng xử lý.",
    );
  });
});
