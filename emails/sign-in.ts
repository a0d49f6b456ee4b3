import { button, html, layout, type RenderedEmail, textLines } from "./html";

export interface SignInProps {
  name: string;
  code: string;
  link: string;
  minutes: number;
}

export const defaultProps: SignInProps = {
  name: "Nguyễn Văn An",
  code: "482913",
  link: "http://localhost:3000/dang-nhap/xac-nhan?token=vi-du",
  minutes: 15,
};

export function subject(_p: SignInProps): string {
  return "Đăng nhập Cổng góp ý dự thảo văn bản";
}

export function render(p: SignInProps): RenderedEmail {
  const title = subject(p);
  const body = html`
<p>Kính gửi ${p.name},</p>
<p>Có yêu cầu đăng nhập Cổng góp ý dự thảo văn bản bằng địa chỉ email này. Mã đăng nhập của đồng chí là:</p>
<p style="font-size:28px;font-weight:bold;letter-spacing:6px;margin:12px 0">${p.code}</p>
<p>Hoặc bấm vào nút dưới đây:</p>
${button(p.link, "Đăng nhập")}
<p>Mã và liên kết có hiệu lực trong ${p.minutes} phút và chỉ dùng được một lần.</p>
<p style="color:#4a4a4a">Nếu đồng chí không yêu cầu đăng nhập, xin bỏ qua thư này; tài khoản vẫn an toàn.</p>`;
  const text = textLines(
    `Kính gửi ${p.name},`,
    "",
    "Có yêu cầu đăng nhập Cổng góp ý dự thảo văn bản bằng địa chỉ email này.",
    `Mã đăng nhập: ${p.code}`,
    "",
    `Hoặc mở liên kết: ${p.link}`,
    "",
    `Mã và liên kết có hiệu lực trong ${p.minutes} phút và chỉ dùng được một lần.`,
    "Nếu đồng chí không yêu cầu đăng nhập, xin bỏ qua thư này.",
  );
  return { subject: title, html: layout(title, body), text };
}
