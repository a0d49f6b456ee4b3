// The link from a sign-in, invitation or reminder email. Opening it only shows a button: mail
// scanners that fetch every link would otherwise spend the single-use token before the person
// clicks. Reopening an old email is the natural way back, so a link its own person opens while
// signed in leads straight on, spent or not; nobody is ever switched to another account on a GET.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { type LinkView, SignInLinkView } from "~/components/sign-in-link";
import { type LinkLook, lookUpLink, revokeSession, SIGN_IN_ERRORS, signInWithToken } from "~/models/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/request.server";
import { getSessionToken, getViewer, safeRedirect, sessionClient, sessionCookie } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Xác nhận đăng nhập — Góp ý dự thảo văn bản" }];

const destination = (owner: NonNullable<LinkLook["owner"]>) => safeRedirect(owner.redirectTo, owner.landing);

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const now = new Date();
  const [look, viewer] = await Promise.all([lookUpLink(getDb(), token, now), getViewer(request, now)]);
  if (viewer && look.owner?.userId === viewer.userId) throw redirect(destination(look.owner), 303);
  return { view: linkView(token, look, viewer?.email ?? null) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const token = form.token ?? "";
  const now = new Date();
  const db = getDb();
  const viewer = await getViewer(request, now);
  const result = await signInWithToken(db, token, now, sessionClient(request, context));
  if (!result.ok) {
    const look = await lookUpLink(db, token, now);
    if (viewer && look.owner?.userId === viewer.userId) return redirect(destination(look.owner), 303);
    return Response.json({ view: linkView(token, look, viewer?.email ?? null), error: SIGN_IN_ERRORS[result.reason] }, { status: 400 });
  }
  // Signing in with someone else's link, asked for by a button that said so, ends the session it replaces.
  const previous = await getSessionToken(request);
  if (previous) await revokeSession(db, previous, now);
  return redirect(safeRedirect(result.redirectTo, result.landing), { headers: { "Set-Cookie": await sessionCookie.serialize(result.session) } });
}

function linkView(token: string, look: LinkLook, viewerEmail: string | null): LinkView {
  const { state, owner } = look;
  if (!owner) return { kind: "invalid", error: SIGN_IN_ERRORS.invalid };
  if (viewerEmail) return { kind: "other", token, ownerEmail: owner.email, viewerEmail, canSwitch: state === "valid" };
  if (state === "valid") return { kind: "confirm", token, name: owner.name };
  return { kind: "spent", expired: state === "expired", email: owner.email, next: safeRedirect(owner.redirectTo, "") };
}

export default function ConfirmSignIn() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<{ view: LinkView }>();
  return (
    <div className="page narrow">
      <h1>Đăng nhập</h1>
      <SignInLinkView view={posted?.view ?? loaded.view} />
    </div>
  );
}
