// How many comments each section has, among those the viewer may see: the reading page shows them
// in its table of contents and beside each heading. One grouped query on the direct connection
// (decision 0005), over the index the decision screen uses.

import { readAll, sql } from "~/db/direct";
import type { Viewer } from "~/domain/viewer";
import type { Db } from "~/utils/db.server";
import { visibleAuthors, visibleWhere } from "./comment.server";

/** Standing comments (not withdrawn) by section id; general comments are not a section's. */
export async function commentCountsBySection(db: Db, consultationId: string, visibility: string, viewer: Viewer | null): Promise<Record<string, number>> {
  const who = await visibleAuthors(db, consultationId, visibility, viewer);
  if (!who) return {};
  const visible = visibleWhere("", consultationId, who.authorId);
  const rows = await readAll(
    db,
    sql<{ sectionId: string; n: number }>(
      `SELECT "sectionId", COUNT(*) AS "n" FROM "Comment"
     WHERE ${visible.sql} AND "sectionId" IS NOT NULL AND "withdrawnAt" IS NULL
     GROUP BY "sectionId"`,
    ),
    visible.params,
  );
  return Object.fromEntries(rows.map((r) => [r.sectionId, r.n]));
}
