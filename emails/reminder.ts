import { SILENCE_NOTICE } from "../app/domain/consultation";
import { button, html, layout, type RenderedEmail, textLines } from "./html";
import { deadlineSuffix, draftNamed } from "./subject";

export interface ReminderProps {
  recipientName: string;
  letterSubject: string;
  consultationTitle: string;
  /** The deadline that applies, as an ISO instant, for the subject. */
  deadlineAt: string;
  /** The deadline that applies to this recipient: the consultation's, or their extension. */
  deadlineWords: string;
  timeLeft: string;
  isExtension: boolean;
  silenceIsConsent: boolean;
  /** A one-time sign-in link of this recipient's own, leading to the draft. */
  link: string;
}

const PERSONAL_LINK =
  "Liên kết trên dành riêng cho đồng chí: bấm vào sẽ đăng nhập Cổng góp ý và mở dự thảo, không cần mật khẩu. Liên kết chỉ dùng được một lần để đăng nhập; xin không chuyển tiếp thư này. Nếu đồng chí đang đăng nhập trên máy này, mở lại liên kết vẫn vào thẳng dự thảo.";

export const defaultProps: ReminderProps = {
  recipientName: "Đoàn Thị Thu Trang",
  letterSubject: "lấy ý kiến đối với dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  consultationTitle: "Dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  deadlineAt: "2026-12-06T16:59:59.999Z",
  deadlineWords: "hết ngày 6/12/2026 (23 giờ 59, giờ Việt Nam)",
  timeLeft: "còn 3 ngày",
  isExtension: false,
  silenceIsConsent: true,
  link: "http://localhost:3000/dang-nhap/xac-nhan?token=vi-du",
};

export function subject(p: ReminderProps): string {
  return `Nhắc góp ý ${draftNamed(p)}${deadlineSuffix(p.deadlineAt, p.timeLeft)}`;
}

export function render(p: ReminderProps): RenderedEmail {
  const which = p.isExtension ? "Hạn góp ý đã được gia hạn cho đồng chí" : "Hạn góp ý";
  const title = subject(p);
  const body = html`
<p>Kính gửi đồng chí ${p.recipientName},</p>
<p>Văn phòng chưa nhận được ý kiến của đồng chí đối với <strong>${draftNamed(p)}</strong>.</p>
<p><strong>${which}: ${p.deadlineWords}</strong> (${p.timeLeft}).</p>
${p.silenceIsConsent ? html`<p style="background:#fff4d6;border-left:4px solid #b7791f;padding:8px">${SILENCE_NOTICE}</p>` : ""}
${button(p.link, "Đăng nhập và mở dự thảo")}
<p style="color:#4a4a4a">${PERSONAL_LINK}</p>
<p style="color:#4a4a4a">Nếu đồng chí thống nhất với dự thảo, có thể bấm “Thống nhất với dự thảo” trên trang. Nếu cần thêm thời gian, có thể đề nghị gia hạn.</p>`;
  const text = textLines(
    `Kính gửi đồng chí ${p.recipientName},`,
    "",
    `Văn phòng chưa nhận được ý kiến của đồng chí đối với ${draftNamed(p)}.`,
    `${which}: ${p.deadlineWords} (${p.timeLeft}).`,
    p.silenceIsConsent && SILENCE_NOTICE,
    "",
    `Đăng nhập và mở dự thảo: ${p.link}`,
    PERSONAL_LINK,
  );
  return { subject: title, html: layout(title, body), text };
}
