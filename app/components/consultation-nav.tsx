// The Office's pages of one consultation, in the order a clerk works through them.
import { NavLink } from "@remix-run/react";

const TABS = [
  ["", "Tổng quan"],
  ["/cong-van", "Công văn"],
  ["/nguoi-nhan", "Người nhận"],
  ["/thoi-han", "Thời hạn và quy tắc"],
  ["/cong-bo", "Xem trước và công bố"],
  ["/xu-ly", "Xử lý ý kiến"],
  ["/bao-cao", "Báo cáo"],
  ["/nhat-ky", "Nhật ký"],
] as const;

export function ConsultationNav({ id, title }: { id: string; title: string }) {
  return (
    <nav className="consultation-nav" aria-label={`Các trang của đợt: ${title}`}>
      <ul>
        {TABS.map(([path, label]) => (
          <li key={path}>
            <NavLink to={`/office/lay-y-kien/${id}${path}`} end prefetch="none">
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
