// A passage is stored by its place in the section's canonical text (docToPlainText) and by what
// it says: the quote and up to 32 characters either side. Position alone breaks when a revised
// draft moves text; quote and context let the comment find its passage again.

export const CONTEXT_CHARS = 32;

export interface PassageAnchor {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

export function anchorAt(text: string, start: number, end: number): PassageAnchor {
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
  };
}

export const MAX_PASSAGE_CHARS = 5_000;

/** Why an anchor sent by a browser does not fit the text, in words for the person; null if it fits. */
export function anchorProblem(text: string, a: { start: number; end: number; exact: string }): string | null {
  if (!Number.isInteger(a.start) || !Number.isInteger(a.end) || a.start < 0 || a.end <= a.start || a.end > text.length) {
    return "Đoạn văn được chọn không nằm trong nội dung của phần này.";
  }
  if (a.end - a.start > MAX_PASSAGE_CHARS) return `Đoạn được chọn dài quá ${MAX_PASSAGE_CHARS.toLocaleString("vi-VN")} ký tự; hãy chọn đoạn ngắn hơn.`;
  if (text.slice(a.start, a.end) !== a.exact.normalize("NFC")) {
    return "Đoạn văn được chọn không khớp với nội dung dự thảo (có thể dự thảo vừa được cập nhật). Vui lòng tải lại trang và chọn lại.";
  }
  return null;
}
