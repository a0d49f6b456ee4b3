// The draft's sections as Tiptap JSON, for the passage readers. A version never changes, so the
// response is cached for good under a URL that names the version, and the page itself does not
// carry the whole draft a second time in its data.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sectionTitle } from "~/domain/sections";
import { getConsultationForReading } from "~/models/consultation.server";
import { getVersionForReading } from "~/models/document.server";
import { getDb } from "~/utils/db.server";
import { getViewer } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const c = await getConsultationForReading(db, params.consultationId ?? "", await getViewer(request));
  const version = c && (await getVersionForReading(db, c.documentVersionId));
  const requested = new URL(request.url).searchParams.get("phien-ban");
  if (!c || !version || (requested && requested !== version.id)) return new Response("Không tìm thấy", { status: 404 });
  const sections = version.sections.map((s) => ({ id: s.id, anchor: s.anchor, title: sectionTitle(s), doc: s.content }));
  return Response.json(sections, {
    // private: whether a reader may see this consultation depends on who they are.
    headers: { "Cache-Control": requested ? "private, max-age=31536000, immutable" : "private, no-cache" },
  });
}
