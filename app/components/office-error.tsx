// The error page of the Office's screens: a refusal's own words, or what went wrong in Vietnamese,
// never a stack trace.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { REFUSAL_TITLE, refusalReason } from "./refusal";

export function OfficeError({ what }: { what: string }) {
  const error = useRouteError();
  const known = isRouteErrorResponse(error);
  if (!known) console.error(error);
  const refusal = refusalReason(error);
  const [title, detail] = refusal
    ? [REFUSAL_TITLE, refusal]
    : known && error.status === 404
      ? ["Không tìm thấy", "Trang này không tồn tại hoặc đã bị xóa."]
      : known && error.status === 403
        ? ["Không có quyền truy cập", "Chỉ tài khoản Văn phòng được dùng trang này."]
        : [`Chưa mở được ${what}`, "Hệ thống gặp sự cố khi xử lý yêu cầu. Những gì đã lưu không bị mất; vui lòng thử lại sau ít phút."];
  return (
    <div className="error-page">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href="/office">Về danh sách các đợt lấy ý kiến</a>
      </p>
    </div>
  );
}

/** The same page under the name the consultation pages import it by. */
export const OfficeErrorBoundary = OfficeError;
