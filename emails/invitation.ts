import { SILENCE_NOTICE } from "../app/domain/consultation";
import { button, html, layout, type RenderedEmail, textLines } from "./html";
import { deadlineSuffix, draftNamed } from "./subject";

export interface InvitationProps {
  recipientName: string;
  recipientTitle: string;
  issuingBody: string;
  parentBody: string | null;
  letterSubject: string;
  consultationTitle: string;
  /** The deadline as an ISO instant, for the subject. */
  deadlineAt: string;
  deadlineWords: string;
  silenceIsConsent: boolean;
  link: string;
}

export const defaultProps: InvitationProps = {
  recipientName: "Đoàn Thị Thu Trang",
  recipientTitle: "Giám đốc Sở Y tế",
  issuingBody: "Văn phòng Ủy ban nhân dân tỉnh",
  parentBody: "Ủy ban nhân dân tỉnh Sóc Trăng",
  letterSubject: "lấy ý kiến đối với dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  consultationTitle: "Dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  deadlineAt: "2026-12-06T16:59:59.999Z",
  deadlineWords: "hết ngày 6/12/2026 (23 giờ 59, giờ Việt Nam)",
  silenceIsConsent: true,
  link: "http://localhost:3000/dang-nhap/xac-nhan?token=vi-du",
};

export function subject(p: InvitationProps): string {
  return `Mời góp ý ${draftNamed(p)}${deadlineSuffix(p.deadlineAt)}`;
}

export function render(p: InvitationProps): RenderedEmail {
  const title = subject(p);
  const from = p.parentBody ? `${p.issuingBody} (${p.parentBody})` : p.issuingBody;
  const body = html`
<p>Kính gửi đồng chí ${p.recipientName}, ${p.recipientTitle},</p>
<p>${from} đề nghị đồng chí nghiên cứu, góp ý đối với <strong>${draftNamed(p)}</strong>.</p>
<p><strong>Hạn góp ý: ${p.deadlineWords}.</strong></p>
${p.silenceIsConsent ? html`<p style="background:#fff4d6;border-left:4px solid #b7791f;padding:8px">${SILENCE_NOTICE}</p>` : ""}
<p>Đồng chí có thể góp ý vào từng đoạn, từng phần của dự thảo, thống nhất với dự thảo, hoặc đề nghị gia hạn nếu cần thêm thời gian. Liên kết dưới đây đăng nhập và mở dự thảo:</p>
${button(p.link, "Mở dự thảo và góp ý")}
<p style="color:#4a4a4a">Liên kết dành riêng cho đồng chí và chỉ dùng được một lần. Khi cần đăng nhập lại, hãy vào cổng và nhập địa chỉ email này để nhận mã mới.</p>`;
  const text = textLines(
    `Kính gửi đồng chí ${p.recipientName}, ${p.recipientTitle},`,
    "",
    `${from} đề nghị đồng chí nghiên cứu, góp ý đối với ${draftNamed(p)}.`,
    "",
    `Hạn góp ý: ${p.deadlineWords}.`,
    p.silenceIsConsent && SILENCE_NOTICE,
    "",
    `Mở dự thảo và góp ý: ${p.link}`,
    "",
    "Liên kết dành riêng cho đồng chí và chỉ dùng được một lần. Khi cần đăng nhập lại, hãy vào cổng và nhập địa chỉ email này để nhận mã mới.",
  );
  return { subject: title, html: layout(title, body), text };
}
