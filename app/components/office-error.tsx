// The error boundary of the Office's consultation pages: a refusal's own words, or what went wrong in Vietnamese.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { REFUSAL_TITLE, refusalReason } from "./refusal";

export function OfficeErrorBoundary({ what }: { what: string }) {
  const error = useRouteError();
  const known = isRouteErrorResponse(error);
  if (!known) console.error(error);
  const refusal = refusalReason(error);
  const [title, detail] = refusal
    ? [REFUSAL_TITLE, refusal]
    : known && error.status === 404
      ? ["Không tìm thấy", "Đợt lấy ý kiến hoặc bản dự thảo này không tồn tại."]
      : known && error.status === 403
        ? ["Không có quyền truy cập", "Chỉ tài khoản Văn phòng được dùng trang này."]
        : [`Chưa mở được ${what}`, "Hệ thống gặp sự cố khi xử lý yêu cầu; vui lòng thử lại sau ít phút."];
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
