import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MailView } from "~/components/mail-view";
import { openLocalMessage } from "~/models/mailbox.server";
import { getDb } from "~/utils/db.server";
import { requireOffice } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireOffice(request);
  const opened = await openLocalMessage(getDb(), viewer, params.messageId ?? "", new Date());
  if (!opened.ok) throw new Response(opened.error, { status: opened.status });
  return opened.message;
}

export default function MailboxMessage() {
  const m = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <a href="/office/mailbox">← Hộp thư</a>
      </p>
      {m.masked ? (
        <p className="notice" role="note">
          Mã và liên kết đăng nhập trong thư này đã được ẩn: người nhận không phải tài khoản minh họa, và ai có chúng thì đăng nhập được bằng tài khoản của
          người nhận. Việc mở thư này đã được ghi vào nhật ký.
        </p>
      ) : null}
      <MailView subject={m.subject} to={m.toEmail} html={m.html} text={m.text} />
    </>
  );
}
