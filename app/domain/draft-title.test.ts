import { describe, expect, it } from "vitest";
import { plainParagraph } from "./draft-text";
import { guessTitle } from "./draft-title";

describe("guessTitle", () => {
  it("joins the document type with its subject line", () => {
    const front = ["ỦY BAN NHÂN DÂN", "Dự thảo", "KẾ HOẠCH", "Thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo"].map(plainParagraph);
    expect(guessTitle(front)).toBe("Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo");
  });

  it("gives up rather than guess from ordinary text", () => {
    expect(guessTitle(["Thực hiện Quyết định số 127/QĐ-TTg"].map(plainParagraph))).toBeNull();
  });
});
