// The Office's own people: who can run consultations. A new account signs in by email at once.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessages } from "~/components/form-messages";
import { OfficeError } from "~/components/office-error";
import { RowAction } from "~/components/row-action";
import { TableWrap } from "~/components/table-wrap";
import { authorize } from "~/domain/actor";
import { addAccountSchema, removeAccountSchema } from "~/domain/forms/recipients";
import { formatVnDateTime } from "~/domain/time";
import { addOfficeAccount, listOfficeAccounts, removeOfficeAccount } from "~/models/office-account.server";
import { getDb } from "~/utils/db.server";
import { type FormAnswer, invalidForm, refuseForm } from "~/utils/form-reply.server";
import { readFormEntries } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Tài khoản Văn phòng" }];

async function requireAccounts(request: Request) {
  const viewer = await requireOffice(request);
  const refused = authorize(viewer, "office.accounts");
  if (refused) throw new Response(refused.error, { status: refused.status });
  return viewer;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAccounts(request);
  const accounts = await listOfficeAccounts(getDb());
  return { me: viewer.userId, accounts: accounts.map((a) => ({ ...a, createdAt: formatVnDateTime(a.createdAt) })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAccounts(request);
  const entries = await readFormEntries(request);
  const now = new Date();
  if (entries.get("intent") === "remove") {
    const submission = parseWithZod(entries, { schema: removeAccountSchema });
    if (submission.status !== "success") return invalidForm("remove", submission);
    const result = await removeOfficeAccount(getDb(), viewer, submission.value, now);
    if (!result.ok) return Response.json({ intent: "remove", error: result.error } satisfies FormAnswer, { status: result.status });
    return { intent: "remove", notice: `Đã gỡ tài khoản ${result.email}; các phiên đăng nhập của tài khoản này đã kết thúc.` } satisfies FormAnswer;
  }
  const submission = parseWithZod(entries, { schema: addAccountSchema });
  if (submission.status !== "success") return invalidForm("add", submission);
  const result = await addOfficeAccount(getDb(), viewer, submission.value, now);
  if (!result.ok) return refuseForm("add", submission, result);
  return {
    intent: "add",
    notice: `Đã thêm ${result.email}. Người này đăng nhập bằng email ngay được.`,
    reply: submission.reply({ resetForm: true }),
  } satisfies FormAnswer;
}

export default function OfficeAccounts() {
  const { me, accounts } = useLoaderData<typeof loader>();
  const answer = useActionData<FormAnswer>();
  const [form, fields] = useForm<{ name: string; email: string }>({
    id: "add-account",
    lastResult: answer?.intent === "add" ? answer.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addAccountSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <>
      <h1>Tài khoản Văn phòng</h1>
      <p>
        Những người được lập, theo dõi và xử lý các đợt lấy ý kiến. Gỡ một tài khoản thì mọi phiên đăng nhập của người đó kết thúc ngay; nhật ký vẫn giữ tên họ.
      </p>
      <FormMessages error={answer?.error} notice={answer?.notice} />
      <TableWrap label="Tài khoản Văn phòng">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Họ tên</th>
              <th scope="col">Email</th>
              <th scope="col">Thêm lúc</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{a.email}</td>
                <td>{a.createdAt}</td>
                <td>
                  {a.id === me ? (
                    <span className="muted">Tài khoản của bạn</span>
                  ) : accounts.length > 1 ? (
                    <RowAction intent="remove" name="userId" value={a.id} label={`Gỡ tài khoản ${a.email}`}>
                      Gỡ tài khoản
                    </RowAction>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>Thêm tài khoản</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        <label htmlFor={fields.name.id}>Họ tên</label>
        <input {...getInputProps(fields.name, { type: "text" })} />
        {fields.name.errors ? (
          <p id={fields.name.errorId} className="field-error">
            {fields.name.errors[0]}
          </p>
        ) : null}
        <label htmlFor={fields.email.id}>Email</label>
        <input {...getInputProps(fields.email, { type: "email" })} />
        {fields.email.errors ? (
          <p id={fields.email.errorId} className="field-error">
            {fields.email.errors[0]}
          </p>
        ) : null}
        <button type="submit">Thêm tài khoản</button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <OfficeError what="danh sách tài khoản" />;
}
