import { button, html, layout, type RenderedEmail, textLines } from "./html";
import { draftNamed } from "./subject";

export interface ExtensionDecisionProps {
  recipientName: string;
  letterSubject: string;
  consultationTitle: string;
  granted: boolean;
  /** The new deadline in words, when granted. */
  until: string | null;
  /** The deadline that still applies, when refused. */
  deadlineWords: string;
  note: string | null;
  link: string;
}

export const defaultProps: ExtensionDecisionProps = {
  recipientName: "Kiều Văn Sang",
  letterSubject: "lấy ý kiến đối với dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  consultationTitle: "Dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  granted: true,
  until: "hết ngày 10/12/2026 (23 giờ 59, giờ Việt Nam)",
  deadlineWords: "hết ngày 6/12/2026 (23 giờ 59, giờ Việt Nam)",
  note: null,
  link: "http://localhost:3000/lay-y-kien/vi-du",
};

export function subject(p: ExtensionDecisionProps): string {
  return `${p.granted ? "Đồng ý" : "Không"} gia hạn góp ý ${draftNamed(p)}`;
}

export function render(p: ExtensionDecisionProps): RenderedEmail {
  const title = subject(p);
  const decision = p.granted
    ? `Văn phòng đồng ý gia hạn thời gian góp ý cho đồng chí đến ${p.until}.`
    : `Văn phòng không thể gia hạn thời gian góp ý; hạn góp ý vẫn là ${p.deadlineWords}.`;
  const body = html`
<p>Kính gửi đồng chí ${p.recipientName},</p>
<p>Về đề nghị gia hạn góp ý đối với <strong>${draftNamed(p)}</strong>:</p>
<p><strong>${decision}</strong></p>
${p.note ? html`<p style="white-space:pre-wrap">Ghi chú của Văn phòng: ${p.note}</p>` : ""}
${button(p.link, "Mở dự thảo")}`;
  const text = textLines(
    `Kính gửi đồng chí ${p.recipientName},`,
    "",
    `Về đề nghị gia hạn góp ý đối với ${draftNamed(p)}:`,
    decision,
    p.note ? `Ghi chú của Văn phòng: ${p.note}` : null,
    "",
    `Mở dự thảo: ${p.link}`,
  );
  return { subject: title, html: layout(title, body), text };
}
