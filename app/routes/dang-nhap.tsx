import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "~/domain/validation";
import { landingFor, requestSignIn, SIGN_IN_ERRORS, signInWithCode } from "~/models/auth.server";
import { notifyOutbox } from "~/server/scheduler.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/request.server";
import { clientIp, getViewer, safeRedirect, sessionClient, sessionCookie } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Đăng nhập — Góp ý dự thảo văn bản" }];

const requestSchema = z.object({
  intent: z.literal("request"),
  email: z.string().trim().min(1, "Vui lòng nhập địa chỉ email.").pipe(z.email("Địa chỉ email không hợp lệ.")),
  tiep: z.string().optional(),
});

const codeSchema = z.object({
  intent: z.literal("code"),
  email: z.string().trim().pipe(z.email("Địa chỉ email không hợp lệ.")),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Mã đăng nhập gồm đúng 6 chữ số."),
  tiep: z.string().optional(),
});

type ActionData = { step: "email" | "code"; email: string; error?: string; notice?: string };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // Empty when no page was asked for, so that the landing follows the role of who signs in.
  const next = safeRedirect(url.searchParams.get("tiep"), "");
  const viewer = await getViewer(request);
  if (viewer) throw redirect(next || landingFor(viewer.role));
  return { next };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const now = new Date();
  if (form.intent === "code") return codeStep(form, request, context, now);
  const parsed = requestSchema.safeParse(form);
  if (!parsed.success) {
    return Response.json({ step: "email", email: String(form.email ?? ""), error: parsed.error.issues[0]!.message } satisfies ActionData, { status: 400 });
  }
  const result = await requestSignIn(getDb(), { email: parsed.data.email, ip: clientIp(context), now, redirectTo: safeRedirect(parsed.data.tiep, "") || null });
  if (result.outcome === "rate_limited") {
    return Response.json(
      {
        step: "email",
        email: parsed.data.email,
        error: "Đã có quá nhiều yêu cầu đăng nhập trong ít phút. Vui lòng đợi 15 phút rồi thử lại.",
      } satisfies ActionData,
      { status: 429 },
    );
  }
  notifyOutbox();
  return {
    step: "code",
    email: parsed.data.email,
    notice: "Nếu địa chỉ này có tài khoản trên cổng, chúng tôi vừa gửi thư có mã đăng nhập 6 chữ số và liên kết đăng nhập (hiệu lực 15 phút).",
  } satisfies ActionData;
}

async function codeStep(form: Record<string, string>, request: Request, context: unknown, now: Date) {
  const parsed = codeSchema.safeParse(form);
  const email = String(form.email ?? "");
  if (!parsed.success) return Response.json({ step: "code", email, error: parsed.error.issues[0]!.message } satisfies ActionData, { status: 400 });
  const result = await signInWithCode(getDb(), parsed.data.email, parsed.data.code, now, sessionClient(request, context));
  if (!result.ok) return Response.json({ step: "code", email, error: SIGN_IN_ERRORS[result.reason] } satisfies ActionData, { status: 400 });
  return redirect(safeRedirect(parsed.data.tiep, safeRedirect(result.redirectTo, result.landing)), {
    headers: { "Set-Cookie": await sessionCookie.serialize(result.session) },
  });
}

export default function SignIn() {
  const { next } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const busy = useNavigation().state === "submitting";
  const step = data?.step ?? "email";
  return (
    <div className="page narrow">
      <h1>Đăng nhập</h1>
      {data?.notice ? (
        <p className="notice" role="status">
          {data.notice}
        </p>
      ) : null}
      {data?.error ? (
        <p className="form-error" role="alert" id="loi-dang-nhap">
          {data.error}
        </p>
      ) : null}
      {step === "email" ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="request" />
          <input type="hidden" name="tiep" value={next} />
          <p>Nhập địa chỉ email công vụ của đồng chí. Chúng tôi sẽ gửi mã đăng nhập và liên kết đăng nhập qua email; cổng không dùng mật khẩu.</p>
          <label htmlFor="email">Địa chỉ email</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={data?.email}
            aria-invalid={data?.error ? true : undefined}
            aria-describedby={data?.error ? "loi-dang-nhap" : undefined}
          />
          <button type="submit" disabled={busy}>
            Gửi mã đăng nhập
          </button>
        </Form>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="code" />
          <input type="hidden" name="email" value={data?.email} />
          <input type="hidden" name="tiep" value={next} />
          <label htmlFor="code">Mã đăng nhập (6 chữ số) đã gửi tới {data?.email}</label>
          <input
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            aria-invalid={data?.error ? true : undefined}
            aria-describedby={data?.error ? "loi-dang-nhap" : undefined}
          />
          <button type="submit" disabled={busy}>
            Đăng nhập
          </button>
          <p>
            <a href={`/dang-nhap${next ? `?tiep=${encodeURIComponent(next)}` : ""}`}>Gửi lại mã, hoặc dùng địa chỉ email khác</a>
          </p>
        </Form>
      )}
    </div>
  );
}
