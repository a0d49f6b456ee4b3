import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import stylesHref from "~/styles/app.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = () => [{ title: "Góp ý dự thảo văn bản" }];

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#noi-dung">
          Bỏ qua, đến nội dung chính
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <a className="site-title" href="/">
              Góp ý dự thảo văn bản
            </a>
          </div>
        </header>
        <main id="noi-dung" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>Cổng góp ý dự thảo văn bản. Thời gian hiển thị theo giờ Việt Nam (UTC+7).</p>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { title, detail } = describeError(error);
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <div className="page error-page">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href="/">Về trang danh sách dự thảo</a>
      </p>
    </div>
  );
}

function describeError(error: unknown): { title: string; detail: string } {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404)
      return { title: "Không tìm thấy trang", detail: "Trang bạn tìm không tồn tại, hoặc bạn không có quyền xem." };
    if (error.status === 403) return { title: "Không có quyền truy cập", detail: "Tài khoản của bạn không được phép xem trang này." };
    if (error.status === 400) return { title: "Yêu cầu không hợp lệ", detail: typeof error.data === "string" ? error.data : "Vui lòng kiểm tra lại." };
  }
  return {
    title: "Đã có lỗi xảy ra",
    detail: "Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu của bạn không bị mất; vui lòng thử lại sau ít phút.",
  };
}
