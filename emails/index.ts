// Every email the portal sends, by name. Each renders on its own with its default props (the
// Office previews them at /office/mailbox/mau/<name>); the outbox stores a name and its props
// and renders when it delivers.
import * as deadlineExtended from "./deadline-extended";
import * as extensionDecision from "./extension-decision";
import type { RenderedEmail } from "./html";
import * as invitation from "./invitation";
import * as receipt from "./receipt";
import * as reminder from "./reminder";
import * as resultPublished from "./result-published";
import * as signIn from "./sign-in";
import * as summary from "./summary";

export const templates = {
  "dang-nhap": { label: "Thư đăng nhập", ...signIn },
  "moi-gop-y": { label: "Thư mời góp ý", ...invitation },
  "nhac-gop-y": { label: "Thư nhắc góp ý", ...reminder },
  "tong-hop-sau-han": { label: "Thư tổng hợp sau hạn gửi Văn phòng", ...summary },
  "xac-nhan-da-nhan": { label: "Thư xác nhận đã nhận ý kiến", ...receipt },
  "tra-loi-gia-han": { label: "Thư trả lời đề nghị gia hạn", ...extensionDecision },
  "gia-han-chung": { label: "Thư báo gia hạn góp ý cho tất cả", ...deadlineExtended },
  "ket-qua-xu-ly": { label: "Thư báo công bố kết quả tiếp thu, giải trình", ...resultPublished },
} as const;

export type TemplateName = keyof typeof templates;
export type PropsOf<T extends TemplateName> = Parameters<(typeof templates)[T]["render"]>[0];
export type { RenderedEmail };

/** A template and its data, as a queued message holds them. */
export interface EmailContent<T extends TemplateName = TemplateName> {
  template: T;
  props: PropsOf<T>;
}

export function email<T extends TemplateName>(template: T, props: PropsOf<T>): EmailContent<T> {
  return { template, props };
}

function entry(name: string) {
  // A name from a URL may be "constructor" or "__proto__": only the registry's own names count.
  if (!Object.hasOwn(templates, name)) return undefined;
  // Each template's functions take its own props; the registry keeps the pairs together.
  return templates[name as TemplateName] as unknown as
    | { render: (p: unknown) => RenderedEmail; subject: (p: unknown) => string; defaultProps: unknown }
    | undefined;
}

export function renderEmail(name: string, props: unknown): RenderedEmail {
  const t = entry(name);
  if (!t) throw new Error(`Không có mẫu thư "${name}".`);
  return t.render(props);
}

export function emailSubject(name: string, props: unknown): string {
  const t = entry(name);
  if (!t) throw new Error(`Không có mẫu thư "${name}".`);
  return t.subject(props);
}

export function previewTemplate(name: string): RenderedEmail | null {
  const t = entry(name);
  return t ? t.render(t.defaultProps) : null;
}
