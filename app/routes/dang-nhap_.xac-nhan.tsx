// The link from a sign-in or invitation email. Opening it only shows a button: mail scanners that
// fetch every link would otherwise spend the single-use token before the person clicks.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { peekToken, SIGN_IN_ERRORS, signInWithToken } from "~/models/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/request.server";
import { safeRedirect, sessionClient, sessionCookie } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Xác nhận đăng nhập — Góp ý dự thảo văn bản" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const state = await peekToken(getDb(), token, new Date());
  return { token, error: state.ok ? null : SIGN_IN_ERRORS[state.reason], name: state.ok ? state.name : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const result = await signInWithToken(getDb(), form.token ?? "", new Date(), sessionClient(request, context));
  if (!result.ok) return Response.json({ error: SIGN_IN_ERRORS[result.reason] }, { status: 400 });
  return redirect(safeRedirect(result.redirectTo, result.landing), { headers: { "Set-Cookie": await sessionCookie.serialize(result.session) } });
}

export default function ConfirmSignIn() {
  const { token, error, name } = useLoaderData<typeof loader>();
  const failed = useActionData<{ error: string }>()?.error ?? error;
  return (
    <div className="page narrow">
      <h1>Đăng nhập</h1>
      {failed ? (
        <>
          <p className="form-error" role="alert">
            {failed}
          </p>
          <p>
            <a href="/dang-nhap">Yêu cầu mã đăng nhập mới</a>
          </p>
        </>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="token" value={token} />
          <p>Đồng chí {name} đăng nhập Cổng góp ý dự thảo văn bản bằng liên kết đã gửi qua email.</p>
          <button type="submit">Tiếp tục đăng nhập</button>
        </Form>
      )}
    </div>
  );
}
