// The Office moved the deadline later for everyone: each recipient is told once per new deadline.
import { SILENCE_NOTICE } from "../app/domain/consultation";
import { button, html, layout, type RenderedEmail, textLines } from "./html";
import { draftName } from "./subject";

export interface DeadlineExtendedProps {
  recipientName: string;
  /** The consultation's short title: the subject names the draft, not the letter's "V/v …" line. */
  consultationTitle: string;
  previousDeadlineWords: string;
  deadlineWords: string;
  /** The recipient's own extension, when it still runs past the new deadline. */
  ownExtensionWords: string | null;
  silenceIsConsent: boolean;
  link: string;
}

export const defaultProps: DeadlineExtendedProps = {
  recipientName: "Đoàn Thị Thu Trang",
  consultationTitle: "Dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  previousDeadlineWords: "hết ngày 6/12/2026 (23 giờ 59, giờ Việt Nam)",
  deadlineWords: "hết ngày 13/12/2026 (23 giờ 59, giờ Việt Nam)",
  ownExtensionWords: null,
  silenceIsConsent: true,
  link: "http://localhost:3000/lay-y-kien/vi-du",
};

export function subject(p: DeadlineExtendedProps): string {
  return `Gia hạn góp ý ${draftName(p.consultationTitle)}`;
}

export function render(p: DeadlineExtendedProps): RenderedEmail {
  const title = subject(p);
  const own = p.ownExtensionWords ? `Hạn riêng đã gia hạn cho đồng chí (${p.ownExtensionWords}) vẫn giữ nguyên.` : null;
  const body = html`
<p>Kính gửi đồng chí ${p.recipientName},</p>
<p>Văn phòng gia hạn thời gian góp ý đối với <strong>${p.consultationTitle}</strong> cho tất cả người được lấy ý kiến.</p>
<p>Hạn góp ý mới: <strong>${p.deadlineWords}</strong> (hạn cũ: ${p.previousDeadlineWords}).</p>
${own ? html`<p>${own}</p>` : ""}
${p.silenceIsConsent ? html`<p>${SILENCE_NOTICE}</p>` : ""}
${button(p.link, "Mở dự thảo")}`;
  const text = textLines(
    `Kính gửi đồng chí ${p.recipientName},`,
    "",
    `Văn phòng gia hạn thời gian góp ý đối với ${p.consultationTitle} cho tất cả người được lấy ý kiến.`,
    `Hạn góp ý mới: ${p.deadlineWords} (hạn cũ: ${p.previousDeadlineWords}).`,
    own,
    p.silenceIsConsent ? SILENCE_NOTICE : null,
    "",
    `Mở dự thảo: ${p.link}`,
  );
  return { subject: title, html: layout(title, body), text };
}
