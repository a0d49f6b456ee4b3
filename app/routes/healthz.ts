import { getDb } from "~/utils/db.server";

// For the Office's monitoring: answers 200 only when the database answers.
export async function loader() {
  await getDb().$queryRawUnsafe("SELECT 1");
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
