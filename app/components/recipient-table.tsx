// A consultation's recipients as the Office manages them: where each invitation is, what each has
// done, and the two things the Office can do to one person while it runs.
import { RowAction } from "./row-action";
import { TableWrap } from "./table-wrap";

export interface RecipientLine {
  id: string;
  name: string;
  email: string;
  title: string;
  organization: string;
  comments: number;
  invitedAt: string | null;
  delivery: { ok: boolean | null; text: string };
  firstOpenedAt: string | null;
  standing: string;
  extensionUntil: string | null;
}

export function RecipientTable({ recipients, published, closed }: { recipients: RecipientLine[]; published: boolean; closed: boolean }) {
  if (!recipients.length) return <p className="muted">Chưa có người nhận nào.</p>;
  return (
    <TableWrap label="Người được lấy ý kiến">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Người nhận</th>
            <th scope="col">Cơ quan</th>
            <th scope="col">Thư mời</th>
            <th scope="col">Mở lần đầu</th>
            <th scope="col">Tình trạng</th>
            <th scope="col">Thao tác</th>
          </tr>
        </thead>
        <tbody>
          {recipients.map((r) => (
            <tr key={r.id}>
              <td>
                {r.name}
                <br />
                <span className="muted">
                  {r.title} · {r.email}
                </span>
              </td>
              <td>{r.organization}</td>
              <td className={r.delivery.ok === false ? "tag-failed" : r.delivery.ok ? "tag-sent" : undefined}>
                {r.invitedAt ? `Mời lúc ${r.invitedAt}; ` : ""}
                {r.delivery.text}
              </td>
              <td>{r.firstOpenedAt ?? <span className="muted">chưa mở</span>}</td>
              <td>
                {r.standing}
                {r.comments ? <span className="muted"> · {r.comments} góp ý</span> : null}
                {r.extensionUntil ? <span className="muted"> (gia hạn đến {r.extensionUntil})</span> : null}
              </td>
              <td className="row-actions">
                {published && !closed && r.invitedAt ? (
                  <RowAction intent="resend" name="recipientId" value={r.id} label={`Gửi lại thư mời: ${r.name}`}>
                    Gửi lại thư mời
                  </RowAction>
                ) : null}
                <RowAction intent="remove" name="recipientId" value={r.id} label={`Gỡ khỏi danh sách: ${r.name}`}>
                  Gỡ khỏi danh sách
                </RowAction>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
