import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MailView } from "~/components/mail-view";
import { getLocalMessage } from "~/models/outbox.server";
import { getDb } from "~/utils/db.server";
import { requireOffice } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  const message = await getLocalMessage(getDb(), params.messageId ?? "");
  if (!message) throw new Response("Không tìm thấy", { status: 404 });
  return message;
}

export default function MailboxMessage() {
  const m = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <a href="/office/mailbox">← Hộp thư</a>
      </p>
      <MailView subject={m.subject} to={m.toEmail} html={m.html} text={m.text} />
    </>
  );
}
