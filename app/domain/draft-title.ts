// A draft's title when the Office gives none: the document type line in capitals ("KẾ HOẠCH")
// joined with the line after it, as the heading block of an administrative document reads.
import { type Paragraph, paragraphText } from "./draft-text";

export const DOCUMENT_TYPES = [
  "KẾ HOẠCH",
  "QUYẾT ĐỊNH",
  "NGHỊ ĐỊNH",
  "NGHỊ QUYẾT",
  "LUẬT",
  "THÔNG TƯ",
  "CHỈ THỊ",
  "QUY CHẾ",
  "QUY ĐỊNH",
  "ĐỀ ÁN",
  "CHƯƠNG TRÌNH",
  "BÁO CÁO",
  "TỜ TRÌNH",
  "HƯỚNG DẪN",
  "PHƯƠNG ÁN",
];

export function guessTitle(frontMatter: Paragraph[]): string | null {
  const lines = frontMatter
    .flatMap((p) => paragraphText(p).split("\n"))
    .map((l) => l.trim())
    .filter(Boolean);
  const i = lines.findIndex((l) => DOCUMENT_TYPES.includes(l.toUpperCase()) && l === l.toUpperCase());
  if (i < 0) return null;
  const type = lines[i]!.charAt(0) + lines[i]!.slice(1).toLowerCase();
  const subject = lines[i + 1];
  return subject ? `${type} ${subject.charAt(0).toLowerCase()}${subject.slice(1)}` : type;
}
