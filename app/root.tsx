import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/components/nonce";
import { REFUSAL_TITLE, refusalReason } from "~/components/refusal";
import stylesHref from "~/styles/app.css";
import { getViewer } from "~/utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Góp ý dự thảo văn bản" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return { viewer: viewer ? { name: viewer.name, role: viewer.role } : null };
}

function AccountNav() {
  // Absent while an error page renders without the root's data.
  const viewer = useRouteLoaderData<typeof loader>("root")?.viewer;
  return (
    <nav className="account-nav" aria-label="Tài khoản">
      {viewer ? (
        <>
          {viewer.role === "office" ? <a href="/office">Trang Văn phòng</a> : <a href="/cua-toi">Đợt lấy ý kiến của tôi</a>}
          <span className="account-name">{viewer.name}</span>
          <Form method="post" action="/dang-xuat">
            <button type="submit" className="link-button">
              Đăng xuất
            </button>
          </Form>
        </>
      ) : (
        <a href="/dang-nhap">Đăng nhập</a>
      )}
    </nav>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
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
            <AccountNav />
          </div>
        </header>
        <main id="noi-dung" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>Cổng góp ý dự thảo văn bản. Thời gian hiển thị theo giờ Việt Nam (UTC+7).</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
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
  const refusal = refusalReason(error);
  if (refusal) return { title: REFUSAL_TITLE, detail: refusal };
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) return { title: "Không tìm thấy trang", detail: "Trang bạn tìm không tồn tại, hoặc bạn không có quyền xem." };
    if (error.status === 403) return { title: "Không có quyền truy cập", detail: "Tài khoản của bạn không được phép xem trang này." };
    if (error.status === 400) return { title: REFUSAL_TITLE, detail: "Vui lòng kiểm tra lại." };
    // Remix's own words for a POST to a page without a form are English and name its files.
    if (error.status === 405) return { title: REFUSAL_TITLE, detail: "Trang này không nhận biểu mẫu gửi lên." };
    if (error.status === 503) return { title: "Hệ thống đang bận", detail: typeof error.data === "string" ? error.data : "Vui lòng thử lại sau ít giây." };
  }
  return {
    title: "Đã có lỗi xảy ra",
    detail: "Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu của bạn không bị mất; vui lòng thử lại sau ít phút.",
  };
}
