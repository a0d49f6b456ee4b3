// The Office's own sessions: where its account is signed in, and ending one it does not recognise
// (an Office session can read every comment and the local mailbox).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { FormMessages } from "~/components/form-messages";
import { RowAction } from "~/components/row-action";
import { TableWrap } from "~/components/table-wrap";
import { formatVnDateTime } from "~/domain/time";
import { z } from "~/domain/validation";
import { listOwnSessions, revokeOtherSessions, revokeOwnSession } from "~/models/session.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/request.server";
import { currentSessionId, requireOffice, sessionCookie } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Phiên đăng nhập — Văn phòng" }];

const PATH = "/office/phien-dang-nhap";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireOffice(request);
  const [sessions, current] = await Promise.all([listOwnSessions(getDb(), viewer, new Date()), currentSessionId(request)]);
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.id === current,
      ip: s.ip ?? "không rõ",
      userAgent: s.userAgent ?? "không rõ",
      createdAt: formatVnDateTime(s.createdAt),
      lastSeenAt: s.lastSeenAt ? formatVnDateTime(s.lastSeenAt) : "chưa ghi nhận",
    })),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("revoke"), phien: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ intent: z.literal("revoke-others") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const parsed = actionSchema.safeParse(await readForm(request));
  if (!parsed.success) return Response.json({ error: "Yêu cầu không hợp lệ; vui lòng tải lại trang và thử lại." }, { status: 400 });
  const db = getDb();
  const current = await currentSessionId(request);
  const now = new Date();
  if (parsed.data.intent === "revoke-others") {
    const revoked = await revokeOtherSessions(db, viewer, current ?? "", now);
    return { notice: revoked ? `Đã kết thúc ${revoked} phiên khác.` : "Không có phiên nào khác đang mở." };
  }
  const outcome = await revokeOwnSession(db, viewer, parsed.data.phien, now);
  if (!outcome.ok) return Response.json({ error: outcome.error }, { status: outcome.status });
  // Ending the session in use is signing out here.
  if (parsed.data.phien === current) return redirect("/", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
  return redirect(PATH, { status: 303 });
}

export default function OfficeSessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const result = useActionData<{ error?: string; notice?: string }>();
  return (
    <>
      <h1>Phiên đăng nhập của tài khoản</h1>
      <p>Các trình duyệt đang đăng nhập bằng tài khoản này. Nếu thấy phiên lạ, hãy kết thúc phiên đó.</p>
      <FormMessages error={result?.error} notice={result?.notice} />
      <TableWrap label="Phiên đăng nhập">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Địa chỉ IP</th>
              <th scope="col">Trình duyệt</th>
              <th scope="col">Đăng nhập lúc</th>
              <th scope="col">Hoạt động gần nhất</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>{s.ip}</td>
                <td>
                  {s.userAgent}
                  {s.current ? <strong> (phiên đang dùng)</strong> : null}
                </td>
                <td>{s.createdAt}</td>
                <td>{s.lastSeenAt}</td>
                <td>
                  <RowAction intent="revoke" name="phien" value={s.id}>
                    {s.current ? "Đăng xuất phiên này" : "Kết thúc phiên"}
                  </RowAction>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {sessions.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-others" />
          <button type="submit">Đăng xuất khỏi mọi phiên khác</button>
        </Form>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const known = isRouteErrorResponse(error);
  if (!known) console.error(error);
  // A refusal with its own words (a malformed form, a busy database) says them; the rest is a fault.
  const [title, detail] =
    known && error.status === 403
      ? ["Không có quyền truy cập", "Chỉ tài khoản Văn phòng xem được trang này."]
      : known && typeof error.data === "string" && error.data
        ? ["Yêu cầu chưa được thực hiện", error.data]
        : ["Chưa mở được danh sách phiên đăng nhập", "Hệ thống gặp sự cố khi xử lý yêu cầu; vui lòng thử lại sau ít phút."];
  return (
    <div className="error-page">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href="/office">Về trang Văn phòng</a>
      </p>
    </div>
  );
}
