// Every email the portal sends, by name, each renderable on its own with its default props
// (the Office previews them at /office/mailbox/mau/<name>).
import * as invitation from "./invitation";
import * as reminder from "./reminder";
import * as signIn from "./sign-in";
import * as summary from "./summary";

export const templates = {
  "dang-nhap": { label: "Thư đăng nhập", ...signIn },
  "moi-gop-y": { label: "Thư mời góp ý", ...invitation },
  "nhac-gop-y": { label: "Thư nhắc góp ý", ...reminder },
  "tong-hop-sau-han": { label: "Thư tổng hợp sau hạn gửi Văn phòng", ...summary },
} as const;

export type TemplateName = keyof typeof templates;

export function previewTemplate(name: string) {
  const t = templates[name as TemplateName];
  // Each template's render takes its own props; the registry keeps them paired.
  return t ? (t.render as (p: unknown) => ReturnType<typeof signIn.render>)(t.defaultProps) : null;
}
