// The error page of the Office's screens: a refusal's own words, or what went wrong in Vietnamese,
// never a stack trace. Each page names what it could not open and, if it likes, its own 404.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { REFUSAL_TITLE, refusalReason } from "./refusal";

interface OfficeErrorProps {
  /** "màn hình xử lý ý kiến": said when something failed. */
  what: string;
  notFound?: [title: string, detail: string];
  back?: { href: string; label: string };
}

const HOME = { href: "/office", label: "Về danh sách các đợt lấy ý kiến" };

export function OfficeError({ what, notFound = ["Không tìm thấy", "Trang này không tồn tại hoặc đã bị xóa."], back = HOME }: OfficeErrorProps) {
  const error = useRouteError();
  const known = isRouteErrorResponse(error);
  if (!known) console.error(error);
  const refusal = refusalReason(error);
  const [title, detail] = refusal
    ? [REFUSAL_TITLE, refusal]
    : known && error.status === 404
      ? notFound
      : known && error.status === 403
        ? ["Không có quyền truy cập", "Chỉ tài khoản Văn phòng được dùng trang này."]
        : [`Chưa mở được ${what}`, "Hệ thống gặp sự cố khi xử lý yêu cầu. Những gì đã lưu không bị mất; vui lòng thử lại sau ít phút."];
  return (
    <div className="error-page">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </div>
  );
}
