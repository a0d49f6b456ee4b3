// The passages the viewer may see commented on, as JSON for the passage readers' highlights.
// Apart from the page: a consultation with thousands of comments would otherwise carry every
// mark in the page's data, for readers without JavaScript too. Per viewer, never cached.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { marksForViewer } from "~/models/comment.server";
import { getConsultationForReading } from "~/models/consultation.server";
import { getDb } from "~/utils/db.server";
import { getViewer } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const viewer = await getViewer(request);
  const c = await getConsultationForReading(db, params.consultationId ?? "", viewer);
  if (!c) return new Response("Không tìm thấy", { status: 404 });
  return Response.json(await marksForViewer(db, c.id, c.commentVisibility, viewer), { headers: { "Cache-Control": "private, no-store" } });
}
