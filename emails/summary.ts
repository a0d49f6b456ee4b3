import { button, html, layout, type RenderedEmail, textLines } from "./html";
import { draftName } from "./subject";

export interface SummaryProps {
  consultationTitle: string;
  deadlineWords: string;
  asked: number;
  commented: number;
  agreed: number;
  pending: { name: string; organization: string; until: string }[];
  deemedToAgree: { name: string; organization: string }[];
  silenceIsConsent: boolean;
  noReply: { name: string; organization: string }[];
  link: string;
}

export const defaultProps: SummaryProps = {
  consultationTitle: "Dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo",
  deadlineWords: "hết ngày 6/12/2026 (23 giờ 59, giờ Việt Nam)",
  asked: 12,
  commented: 5,
  agreed: 2,
  pending: [{ name: "Kiều Văn Sang", organization: "Thanh tra tỉnh", until: "hết ngày 10/12/2026 (23 giờ 59, giờ Việt Nam)" }],
  deemedToAgree: [{ name: "Lâm Văn Hòa", organization: "Ủy ban nhân dân tỉnh" }],
  silenceIsConsent: true,
  noReply: [],
  link: "http://localhost:3000/office/lay-y-kien/vi-du",
};

const person = (p: { name: string; organization: string }) => `${p.name} (${p.organization})`;

export function subject(p: SummaryProps): string {
  return `Kết quả lấy ý kiến ${draftName(p.consultationTitle)}`;
}

export function render(p: SummaryProps): RenderedEmail {
  const title = subject(p);
  const silent = p.silenceIsConsent ? p.deemedToAgree : p.noReply;
  const silentLabel = p.silenceIsConsent ? "Không có ý kiến phản hồi, được xem như thống nhất" : "Không có ý kiến phản hồi";
  const body = html`
<p>Đợt lấy ý kiến <strong>${p.consultationTitle}</strong> đã hết hạn (${p.deadlineWords}).</p>
<ul>
<li>Số cơ quan, cá nhân được xin ý kiến: <strong>${p.asked}</strong></li>
<li>Có ý kiến góp ý: <strong>${p.commented}</strong></li>
<li>Thống nhất với dự thảo: <strong>${p.agreed}</strong></li>
<li>${silentLabel}: <strong>${silent.length}</strong></li>
<li>Đang trong thời gian gia hạn: <strong>${p.pending.length}</strong></li>
</ul>
${silent.length ? html`<p>${silentLabel}:</p><ul>${silent.map((s) => html`<li>${person(s)}</li>`)}</ul>` : ""}
${p.pending.length ? html`<p>Đang trong thời gian gia hạn:</p><ul>${p.pending.map((s) => html`<li>${person(s)}: ${s.until}</li>`)}</ul>` : ""}
${button(p.link, "Xem chi tiết và tổng hợp ý kiến")}`;
  const text = textLines(
    `Đợt lấy ý kiến "${p.consultationTitle}" đã hết hạn (${p.deadlineWords}).`,
    "",
    `- Số cơ quan, cá nhân được xin ý kiến: ${p.asked}`,
    `- Có ý kiến góp ý: ${p.commented}`,
    `- Thống nhất với dự thảo: ${p.agreed}`,
    `- ${silentLabel}: ${silent.length}`,
    `- Đang trong thời gian gia hạn: ${p.pending.length}`,
    silent.length > 0 && `\n${silentLabel}:\n${silent.map((s) => `  + ${person(s)}`).join("\n")}`,
    p.pending.length > 0 && `\nĐang trong thời gian gia hạn:\n${p.pending.map((s) => `  + ${person(s)}: ${s.until}`).join("\n")}`,
    "",
    `Xem chi tiết: ${p.link}`,
  );
  return { subject: title, html: layout(title, body), text };
}
