import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MailView } from "~/components/mail-view";
import { requireOffice } from "~/utils/session.server";
import { previewTemplate } from "../../emails";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  const preview = previewTemplate(params.name ?? "");
  if (!preview) throw new Response("Không tìm thấy", { status: 404 });
  return preview;
}

export default function TemplatePreview() {
  const m = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <a href="/office/mailbox">← Hộp thư</a> · Mẫu thư với dữ liệu ví dụ
      </p>
      <MailView subject={m.subject} html={m.html} text={m.text} />
    </>
  );
}
