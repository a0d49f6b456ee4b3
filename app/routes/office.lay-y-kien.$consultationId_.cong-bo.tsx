// Preview the letter exactly as recipients will see it, then publish after a confirmation that
// says how many invitations go out, or when the consultation opens if that is later.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConsultationNav } from "~/components/consultation-nav";
import { FormMessages } from "~/components/form-messages";
import { OfficeError } from "~/components/office-error";
import { RequestLetter } from "~/components/request-letter";
import { consultationPath } from "~/domain/consultation";
import { formatDeadline, formatVnDateTime } from "~/domain/time";
import { getPublishPreview, publishConsultation } from "~/models/publish.server";
import { notifyOutbox } from "~/server/scheduler.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Xem trước và công bố — ${data?.title ?? "Đợt lấy ý kiến"}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  const now = new Date();
  const preview = await getPublishPreview(getDb(), params.consultationId ?? "", now);
  if (!preview) throw new Response("Không tìm thấy", { status: 404 });
  const { facts, letter } = preview;
  const url = new URL(request.url);
  return {
    id: facts.id,
    title: facts.title,
    letter,
    published: facts.publishedAt ? formatVnDateTime(facts.publishedAt) : null,
    recipients: facts.recipients,
    scheduledOpening: facts.opensAt > now ? formatVnDateTime(facts.opensAt) : null,
    deadline: formatDeadline(facts.deadlineAt),
    problems: facts.problems,
    confirm: url.searchParams.has("xacNhan"),
    done: url.searchParams.get("daCongBo"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const form = await readForm(request);
  if (form.intent !== "publish") return Response.json({ error: "Thao tác không hợp lệ." }, { status: 400 });
  const id = params.consultationId ?? "";
  const result = await publishConsultation(getDb(), viewer, { consultationId: id }, new Date());
  if (!result.ok) return Response.json({ error: result.error, problems: result.problems }, { status: result.status });
  if (result.invited > 0) notifyOutbox();
  return redirect(`/office/lay-y-kien/${id}/cong-bo?daCongBo=${result.alreadyPublished ? "truoc" : result.scheduled ? "hen" : result.invited}`);
}

function doneNotice(done: string | null, scheduledOpening: string | null): string | null {
  if (!done) return null;
  if (done === "truoc") return "Đợt này đã được công bố trước đó; không có thư mời nào được gửi thêm.";
  if (done === "hen") return `Đã công bố. Đợt sẽ bắt đầu lúc ${scheduledOpening ?? "đã hẹn"}; thư mời được gửi vào lúc đó.`;
  return `Đã công bố và xếp ${done} thư mời vào hàng gửi.`;
}

export default function PublishPage() {
  const c = useLoaderData<typeof loader>();
  const result = useActionData<{ error?: string; problems?: string[] }>();
  const busy = useNavigation().state === "submitting";
  const what = c.scheduledOpening
    ? `Đợt sẽ bắt đầu lúc ${c.scheduledOpening}: ${c.recipients} thư mời được gửi vào lúc đó.`
    : `Sẽ gửi ${c.recipients} thư mời ngay bây giờ.`;
  return (
    <>
      <h1>Xem trước và công bố</h1>
      <ConsultationNav id={c.id} title={c.title} />
      <FormMessages error={result?.error} notice={doneNotice(c.done, c.scheduledOpening)} />
      {result?.problems && result.problems.length > 1 ? (
        <ul className="form-error">
          {result.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <section aria-labelledby="publish-title">
        <h2 id="publish-title">Công bố</h2>
        {c.published ? (
          <p>
            Đã công bố lúc {c.published}. Hạn góp ý: {c.deadline}. <a href={consultationPath(c.id)}>Mở trang dự thảo</a>
          </p>
        ) : c.problems.length ? (
          <>
            <p>Chưa công bố được:</p>
            <ul>
              {c.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        ) : c.confirm ? (
          <div className="warning">
            <p>
              <strong>{what}</strong> Hạn góp ý: {c.deadline}. Sau khi công bố, công văn chỉ còn sửa được lỗi chính tả và người nhận không được mời lại.
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" disabled={busy}>
                Xác nhận công bố
              </button>{" "}
              <a href={`/office/lay-y-kien/${c.id}/cong-bo`}>Chưa công bố</a>
            </Form>
          </div>
        ) : (
          <p>
            {what} <a href={`/office/lay-y-kien/${c.id}/cong-bo?xacNhan=1#publish-title`}>Công bố…</a>
          </p>
        )}
      </section>
      <h2>Bản xem trước</h2>
      <p className="preview-banner">Bản xem trước: công văn đúng như người nhận sẽ thấy ở đầu trang dự thảo.</p>
      <RequestLetter letter={c.letter} />
      <p>
        <a href={consultationPath(c.id)}>Xem toàn bộ trang dự thảo</a> (Văn phòng xem được cả khi chưa công bố).
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <OfficeError what="trang xem trước và công bố" />;
}
