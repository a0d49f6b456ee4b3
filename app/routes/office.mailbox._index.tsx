import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { formatVnDateTime } from "~/domain/time";
import { listLocalMailbox } from "~/models/outbox.server";
import { getDb } from "~/utils/db.server";
import { requirePage } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";
import { templates } from "../../emails";

export const meta: MetaFunction = () => [{ title: "Hộp thư cục bộ — Văn phòng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOffice(request);
  const box = await listLocalMailbox(getDb(), requirePage(request));
  return {
    ...box,
    messages: box.messages.map((m) => ({ ...m, sentAt: m.sentAt ? formatVnDateTime(m.sentAt) : "" })),
    templates: Object.entries(templates).map(([name, t]) => ({ name, label: t.label })),
  };
}

export default function Mailbox() {
  const box = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Hộp thư cục bộ</h1>
      <p>Khi chưa cấu hình máy chủ thư (SMTP_URL), mọi thư của cổng được lưu ở đây và trong thư mục dữ liệu, thay vì gửi đi. Có {box.total} thư.</p>
      <p>
        Mã và liên kết đăng nhập trong thư gửi người thật (không phải tài khoản minh họa) được ẩn, để không ai dùng chúng đăng nhập thay người nhận. Mỗi lần mở
        một thư được ghi vào nhật ký.
      </p>
      <TableWrap label="Thư trong hộp thư cục bộ">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Lúc</th>
              <th scope="col">Gửi tới</th>
              <th scope="col">Tiêu đề</th>
            </tr>
          </thead>
          <tbody>
            {box.messages.map((m) => (
              <tr key={m.id}>
                <td>{m.sentAt}</td>
                <td>{m.toEmail}</td>
                <td>
                  <a href={`/office/mailbox/${m.id}`}>{m.subject}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {box.pages > 1 ? (
        <nav aria-label="Trang">
          {box.page > 1 ? <a href={`?trang=${box.page - 1}`}>← Trang trước</a> : null} Trang {box.page}/{box.pages}{" "}
          {box.page < box.pages ? <a href={`?trang=${box.page + 1}`}>Trang sau →</a> : null}
        </nav>
      ) : null}
      <h2>Mẫu thư</h2>
      <ul>
        {box.templates.map((t) => (
          <li key={t.name}>
            <a href={`/office/mailbox/mau/${t.name}`}>{t.label}</a>
          </li>
        ))}
      </ul>
    </>
  );
}
