import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { revokeSession } from "~/models/auth.server";
import { getDb } from "~/utils/db.server";
import { getSessionToken, sessionCookie } from "~/utils/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const token = await getSessionToken(request);
  if (token) await revokeSession(getDb(), token, new Date());
  return redirect("/", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}

export async function loader() {
  return redirect("/");
}
