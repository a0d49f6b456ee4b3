// A small HTML builder for emails: every interpolated value is escaped unless it is the output
// of another `html` call, so names and subjects typed by people cannot inject markup.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Value = SafeHtml | string | number | null | undefined | false | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (value instanceof SafeHtml) return value.value;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ""), ""));
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The frame every email shares: readable in any client, no images, no scripts. */
export function layout(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5">
<div style="max-width:600px;margin:0 auto;padding:24px 16px">
<div style="background:#0b4f8a;color:#ffffff;padding:12px 16px;font-weight:bold">Cổng góp ý dự thảo văn bản</div>
<div style="background:#ffffff;padding:16px;border:1px solid #c9d1d9;border-top:0">${body}</div>
<p style="font-size:12px;color:#4a4a4a">Thư này được gửi tự động; vui lòng không trả lời thư này. Thời gian ghi theo giờ Việt Nam.</p>
</div>
</body>
</html>`.value;
}

export function button(href: string, label: string): SafeHtml {
  return html`<p style="margin:20px 0"><a href="${href}" style="background:#0b4f8a;color:#ffffff;padding:10px 18px;text-decoration:none;border-radius:4px;display:inline-block">${label}</a></p>`;
}

/** Plain-text part: lines joined, NFC, no trailing spaces. */
export function textLines(...lines: (string | false | null | undefined)[]): string {
  return lines
    .filter((l): l is string => typeof l === "string")
    .join("\n")
    .normalize("NFC");
}
