// The Office published the outcome: each official who sent comments is told once, with how many
// of theirs were decided and how, and a link to read each decision beside its comment.
import { button, html, layout, type RenderedEmail, textLines } from "./html";
import { draftName } from "./subject";

export interface ResultPublishedProps {
  recipientName: string;
  consultationTitle: string;
  /** Their comments counted in the report (not withdrawn). */
  comments: number;
  /** "Tiếp thu: 2", "Giải trình: 1", … for their comments, in the report's order of kinds. */
  decisions: { label: string; count: number }[];
  /** Their comments with no answer yet (undecided or under review). */
  undecided: number;
  /** The consultation page, where each decision stands beside its comment. */
  link: string;
  /** The public consolidated report, when the consultation is public. */
  resultLink: string | null;
}

export const defaultProps: ResultPublishedProps = {
  recipientName: "Đoàn Thị Thu Trang",
  consultationTitle: "Dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  comments: 3,
  decisions: [
    { label: "Tiếp thu", count: 2 },
    { label: "Giải trình", count: 1 },
  ],
  undecided: 0,
  link: "http://localhost:3000/lay-y-kien/vi-du#danh-sach-gop-y",
  resultLink: "http://localhost:3000/lay-y-kien/vi-du/ket-qua",
};

export function subject(p: ResultPublishedProps): string {
  return `Kết quả tiếp thu, giải trình ý kiến về ${draftName(p.consultationTitle)}`;
}

function tally(p: ResultPublishedProps): string {
  const parts = p.decisions.filter((d) => d.count > 0).map((d) => `${d.label}: ${d.count}`);
  if (p.undecided) parts.push(`chưa có ý kiến xử lý: ${p.undecided}`);
  return `Đồng chí đã gửi ${p.comments} ý kiến${parts.length ? ` (${parts.join("; ")})` : ""}.`;
}

export function render(p: ResultPublishedProps): RenderedEmail {
  const title = subject(p);
  const intro = "Văn phòng đã công bố kết quả tiếp thu, giải trình các ý kiến góp ý đối với";
  const body = html`
<p>Kính gửi đồng chí ${p.recipientName},</p>
<p>${intro} <strong>${p.consultationTitle}</strong>.</p>
<p>${tally(p)} Ý kiến xử lý và nội dung giải trình của Văn phòng được ghi ngay dưới từng ý kiến của đồng chí trên trang dự thảo.</p>
${button(p.link, "Xem ý kiến xử lý")}
${p.resultLink ? html`<p>Bảng tổng hợp ý kiến, tiếp thu, giải trình được công khai tại <a href="${p.resultLink}">${p.resultLink}</a>.</p>` : ""}`;
  const text = textLines(
    `Kính gửi đồng chí ${p.recipientName},`,
    "",
    `${intro} ${p.consultationTitle}.`,
    `${tally(p)} Ý kiến xử lý và nội dung giải trình của Văn phòng được ghi ngay dưới từng ý kiến của đồng chí trên trang dự thảo.`,
    "",
    `Xem ý kiến xử lý: ${p.link}`,
    p.resultLink ? `Bảng tổng hợp ý kiến, tiếp thu, giải trình: ${p.resultLink}` : null,
  );
  return { subject: title, html: layout(title, body), text };
}
