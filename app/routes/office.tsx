// The Office's area. Every loader below checks the role itself: Remix runs nested loaders in
// parallel, so this layout's check alone would not protect them.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { getEnv } from "~/utils/env.server";
import { requireOffice } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOffice(request);
  return { mailConfigured: Boolean(getEnv().SMTP_URL) };
}

export default function OfficeLayout() {
  const { mailConfigured } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      {mailConfigured ? null : (
        <p className="mail-warning" role="note">
          <strong>Email chưa được cấu hình</strong> (chưa đặt SMTP_URL): thư mời, thư nhắc và thư đăng nhập không được gửi đi mà được lưu vào{" "}
          <a href="/office/mailbox">hộp thư cục bộ</a>.
        </p>
      )}
      <nav className="office-nav" aria-label="Văn phòng">
        <NavLink to="/office" end>
          Các đợt lấy ý kiến
        </NavLink>{" "}
        · <NavLink to="/office/mailbox">Hộp thư</NavLink> · <NavLink to="/office/phien-dang-nhap">Phiên đăng nhập</NavLink> ·{" "}
        <NavLink to="/office/danh-ba">Danh bạ</NavLink> · <NavLink to="/office/tai-khoan">Tài khoản Văn phòng</NavLink> ·{" "}
        <NavLink to="/office/cai-dat">Cài đặt</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
