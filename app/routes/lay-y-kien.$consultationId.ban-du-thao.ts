// The draft's reading markup alone, for a page reached by client-side navigation (a page loaded
// whole already holds it). A version never changes, so under a URL that names the version it is
// cached for good; private, since whether a reader may see the consultation depends on who they are.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { draftHtml } from "~/components/draft-html.server";
import { getConsultationForReading } from "~/models/consultation.server";
import { getVersionForReading } from "~/models/document.server";
import { getDb } from "~/utils/db.server";
import { getViewer } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const c = await getConsultationForReading(db, params.consultationId ?? "", await getViewer(request));
  const requested = new URL(request.url).searchParams.get("phien-ban");
  const version = c && requested === c.documentVersionId ? await getVersionForReading(db, c.documentVersionId) : null;
  if (!version) return new Response("Không tìm thấy", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(draftHtml(version), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, max-age=31536000, immutable" },
  });
}
