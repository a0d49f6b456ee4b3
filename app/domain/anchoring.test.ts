import { describe, expect, it } from "vitest";
import { anchorAt, anchorProblem } from "./anchoring";

const text = "Hình thành các cơ sở dữ liệu dùng chung, chia sẻ, mở để nghiên cứu, phát triển các ứng dụng TTNT.\nXây dựng cơ chế chia sẻ dữ liệu.";

describe("passage anchors", () => {
  it("keep the quote and up to 32 characters of context either side", () => {
    const start = text.indexOf("chia sẻ, mở");
    const a = anchorAt(text, start, start + "chia sẻ, mở".length);
    expect(a.exact).toBe("chia sẻ, mở");
    expect(a.prefix).toBe(text.slice(start - 32, start));
    expect(a.suffix).toHaveLength(32);
    expect(anchorAt(text, 0, 5).prefix).toBe("");
  });

  it("accept only a quote that is really at that place", () => {
    expect(anchorProblem(text, { start: 0, end: 10, exact: text.slice(0, 10) })).toBeNull();
    expect(anchorProblem(text, { start: 0, end: 10, exact: "khác hẳn" })).toMatch(/không khớp/);
    expect(anchorProblem(text, { start: 5, end: 5, exact: "" })).toMatch(/không nằm trong/);
    expect(anchorProblem(text, { start: 0, end: text.length + 1, exact: text })).toMatch(/không nằm trong/);
    expect(anchorProblem(text, { start: -1, end: 3, exact: "Hì" })).toMatch(/không nằm trong/);
  });

  it("compares in NFC, as the draft is stored", () => {
    const nfd = text.slice(0, 10).normalize("NFD");
    expect(anchorProblem(text, { start: 0, end: 10, exact: nfd })).toBeNull();
  });
});
