import { button, html, layout, type RenderedEmail, textLines } from "./html";
import { draftNamed } from "./subject";

export interface ReceiptProps {
  recipientName: string;
  letterSubject: string;
  consultationTitle: string;
  /** What was submitted, in the order it was submitted. */
  items: { kind: "comment" | "agreement"; where: string; quote: string | null; text: string; late: boolean /** "08:30 ngày 3/12/2026" */; at?: string }[];
  submittedAt: string; // "08:30 ngày 3/12/2026"
  link: string;
  /** Comments of a digest beyond those listed in `items` (app/models/receipt.server.ts). */
  more?: number;
  /** A digest's latest send time (ISO): read by the database when a comment joins it, not shown. */
  sendBy?: string;
}

export const defaultProps: ReceiptProps = {
  recipientName: "Đoàn Thị Thu Trang",
  letterSubject: "lấy ý kiến đối với dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  consultationTitle: "Dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  items: [
    {
      kind: "comment",
      where: "III. NỘI DUNG › 2. Xây dựng hạ tầng dữ liệu và tính toán cho nghiên cứu, phát triển và ứng dụng TTNT",
      quote: "Hình thành các cơ sở dữ liệu dùng chung, chia sẻ, mở",
      text: "Đề nghị bổ sung cơ chế bảo vệ dữ liệu cá nhân khi chia sẻ.",
      late: false,
    },
  ],
  submittedAt: "08:30 ngày 3/12/2026",
  link: "http://localhost:3000/lay-y-kien/vi-du",
};

export function subject(p: ReceiptProps): string {
  return `Đã nhận ý kiến của đồng chí về ${draftNamed(p)}`;
}

const label = (i: ReceiptProps["items"][number]) => (i.kind === "agreement" ? "Thống nhất với dự thảo" : `Góp ý — ${i.where}`);
/** A digest of several comments says when each came in; one alone, the opening line does. */
const when = (p: ReceiptProps, i: ReceiptProps["items"][number]) => (p.items.length > 1 && i.at ? ` (lúc ${i.at})` : "");
const opening = (p: ReceiptProps) =>
  p.more
    ? `Văn phòng đã nhận ${(p.items.length + p.more).toLocaleString("vi-VN")} ý kiến của đồng chí`
    : p.items.length > 1
      ? `Văn phòng đã nhận ${p.items.length} ý kiến sau của đồng chí`
      : `Văn phòng đã nhận lúc ${p.submittedAt} (giờ Việt Nam) nội dung sau của đồng chí`;
/** After the draft's name: what the list below holds when it is not everything. */
const listed = (p: ReceiptProps) => (p.more ? `; dưới đây là ${p.items.length.toLocaleString("vi-VN")} ý kiến đầu tiên` : "");
/** A digest too long for one email ends by saying how many comments it did not list. */
const rest = (p: ReceiptProps) => (p.more ? `Và ${p.more.toLocaleString("vi-VN")} ý kiến khác: xem đầy đủ trên cổng.` : null);

export function render(p: ReceiptProps): RenderedEmail {
  const title = subject(p);
  const body = html`
<p>Kính gửi đồng chí ${p.recipientName},</p>
<p>${opening(p)} đối với <strong>${draftNamed(p)}</strong>${listed(p)}:</p>
${p.items.map(
  (i) => html`<div style="border-left:4px solid #0b4f8a;padding:4px 10px;margin:12px 0">
<p style="margin:0 0 6px"><strong>${label(i)}</strong>${when(p, i)}${i.late ? " (quá hạn)" : ""}</p>
${i.quote ? html`<p style="margin:0 0 6px;color:#4a4a4a">Đoạn được góp ý: “${i.quote}”</p>` : ""}
${i.text ? html`<p style="margin:0;white-space:pre-wrap">${i.text}</p>` : ""}
</div>`,
)}
${rest(p) ? html`<p>${rest(p)}</p>` : ""}
${button(p.link, "Xem lại trên cổng")}
<p style="color:#4a4a4a">Đồng chí có thể chỉnh sửa hoặc rút ý kiến trên cổng cho đến hết hạn góp ý.</p>`;
  const text = textLines(
    `Kính gửi đồng chí ${p.recipientName},`,
    "",
    `${opening(p)} đối với ${draftNamed(p)}${listed(p)}:`,
    ...p.items.flatMap((i) => [
      "",
      `* ${label(i)}${when(p, i)}${i.late ? " (quá hạn)" : ""}`,
      i.quote ? `  Đoạn được góp ý: “${i.quote}”` : null,
      i.text ? `  ${i.text.replace(/\n/g, "\n  ")}` : null,
    ]),
    ...(rest(p) ? ["", rest(p)] : []),
    "",
    `Xem lại trên cổng: ${p.link}`,
    "Đồng chí có thể chỉnh sửa hoặc rút ý kiến trên cổng cho đến hết hạn góp ý.",
  );
  return { subject: title, html: layout(title, body), text };
}
