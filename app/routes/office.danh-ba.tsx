// The address book: kept across consultations, so the same department heads are not typed again.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormMessages } from "~/components/form-messages";
import { OfficeError } from "~/components/office-error";
import { PasteRowsForm, PersonForm } from "~/components/recipient-forms";
import { RowAction } from "~/components/row-action";
import { TableWrap } from "~/components/table-wrap";
import { contactSchema, importContactsSchema, removeContactSchema } from "~/domain/forms/recipients";
import { importContacts, listContacts, removeContact, saveContact } from "~/models/contact.server";
import { getDb } from "~/utils/db.server";
import { type FormAnswer, invalidForm, refuseForm } from "~/utils/form-reply.server";
import { readFormEntries } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Danh bạ — Văn phòng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOffice(request);
  return { groups: await listContacts(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const entries = await readFormEntries(request);
  const intent = entries.get("intent") ?? "";
  const db = getDb();
  const now = new Date();
  if (intent === "remove") {
    const submission = parseWithZod(entries, { schema: removeContactSchema });
    if (submission.status !== "success") return invalidForm(intent, submission);
    const result = await removeContact(db, viewer, submission.value, now);
    if (!result.ok) return Response.json({ intent, error: result.error } satisfies FormAnswer, { status: result.status });
    return { intent, notice: `Đã xóa ${result.email} khỏi danh bạ. Danh sách người nhận của các đợt không thay đổi.` } satisfies FormAnswer;
  }
  if (intent === "import") {
    const submission = parseWithZod(entries, { schema: importContactsSchema });
    if (submission.status !== "success") return invalidForm(intent, submission);
    const result = await importContacts(db, viewer, { text: submission.value.rows }, now);
    if (!result.ok) return refuseForm(intent, submission, result, "rows");
    return {
      intent,
      notice: `Đã thêm ${result.created} người, cập nhật ${result.updated} người trong danh bạ.`,
      reply: submission.reply({ resetForm: true }),
    } satisfies FormAnswer;
  }
  const submission = parseWithZod(entries, { schema: contactSchema });
  if (submission.status !== "success") return invalidForm("save", submission);
  const { intent: _, contactId, ...person } = submission.value;
  const result = await saveContact(db, viewer, { ...person, contactId: contactId || undefined }, now);
  if (!result.ok) return refuseForm("save", submission, result);
  return {
    intent: "save",
    notice: contactId ? "Đã lưu thay đổi." : "Đã thêm vào danh bạ.",
    reply: submission.reply({ resetForm: !contactId }),
  } satisfies FormAnswer;
}

export default function AddressBook() {
  const { groups } = useLoaderData<typeof loader>();
  const answer = useActionData<FormAnswer>();
  const [params] = useSearchParams();
  const editing = groups.flatMap((g) => g.members).find((m) => m.id === params.get("sua"));
  const lastResult = (intent: string) => (answer?.intent === intent ? answer.reply : undefined);
  const total = groups.reduce((n, g) => n + g.members.length, 0);
  return (
    <>
      <h1>Danh bạ</h1>
      <p>
        Những người, đơn vị thường được lấy ý kiến ({total} người). Khi lập một đợt, chọn người nhận từ đây. Sửa hay xóa ở đây không làm thay đổi các đợt đã
        lập.
      </p>
      <FormMessages error={answer?.error} notice={answer?.notice} />
      {groups.length === 0 ? <p className="muted">Danh bạ còn trống.</p> : null}
      {groups.map((g, i) => (
        <section key={g.name} aria-labelledby={`nhom-${i}`}>
          <h2 id={`nhom-${i}`}>
            {g.name} ({g.members.length})
          </h2>
          <TableWrap label={g.name}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Họ tên</th>
                  <th scope="col">Chức vụ</th>
                  <th scope="col">Cơ quan, đơn vị</th>
                  <th scope="col">Email</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {g.members.map((m) => (
                  <tr key={m.id}>
                    <td>{m.name}</td>
                    <td>{m.title}</td>
                    <td>{m.organization}</td>
                    <td>{m.email}</td>
                    <td className="row-actions">
                      <a href={`?sua=${m.id}#sua`} aria-label={`Sửa: ${m.name}`}>
                        Sửa
                      </a>
                      <RowAction intent="remove" name="contactId" value={m.id} label={`Xóa khỏi danh bạ: ${m.name}`}>
                        Xóa
                      </RowAction>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
      <h2 id="sua">{editing ? `Sửa: ${editing.name}` : "Thêm một người"}</h2>
      <PersonForm
        key={editing?.id ?? "new"}
        id={editing ? `contact-${editing.id}` : "contact-new"}
        intent="save"
        hidden={editing ? { contactId: editing.id } : undefined}
        defaultValue={editing ? { ...editing, group: editing.group ?? "" } : undefined}
        lastResult={lastResult("save")}
        submit={editing ? "Lưu thay đổi" : "Thêm vào danh bạ"}
      />
      <h2>Nhập nhiều người</h2>
      <PasteRowsForm id="import" intent="import" schema={importContactsSchema} lastResult={lastResult("import")} submit="Nhập vào danh bạ" />
    </>
  );
}

export function ErrorBoundary() {
  return <OfficeError what="danh bạ" />;
}
