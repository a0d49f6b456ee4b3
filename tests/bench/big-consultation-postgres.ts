// Issue 12's data, generated inside PostgreSQL: one consultation with ten million comments (the mix
// of big-consultation.ts: general, section and passage comments over a draft of parts and items,
// about half decided, 2 % withdrawn, 1 % late) and, for the sweep, a million recipients (one user
// each) in other open consultations. Rows are made by INSERT … SELECT generate_series with the
// "random" choices taken from hashint8(n), so that ten million comments take minutes, not the hours
// that row-at-a-time inserts (or the portal's own write path) would. Deterministic: the same options
// give the same rows, ids included.
//
// To be quick, the comment and decision tables are filled with their secondary indexes dropped and
// their foreign-key triggers off (session_replication_role = replica, as pg_restore does); the
// indexes are then built again from their own definitions and the tables vacuumed, so that the
// visibility map lets the decision screen's covering index answer alone, as on a settled database.
import pg from "pg";
import { POSTGRES_REBUILD } from "~/db/tally";
import { doc, EXPLANATIONS, KINDS, PHRASES, sectionText, toRoman } from "./big-consultation";

export interface BigPostgresOptions {
  comments?: number;
  sections?: number;
  /** Officials asked on the big consultation (70 % of them comment). */
  recipients?: number;
  /** Recipients of the consultations the sweep goes over, and in how many consultations. */
  sweepRecipients?: number;
  sweepConsultations?: number;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
}

export interface BigPostgres {
  consultationId: string;
  officeUserId: string;
  activeComments: number;
  withdrawnComments: number;
  decidedComments: number;
  sweepRecipients: number;
  /** Wall-clock ms of each step. */
  steps: Record<string, number>;
}

export const OPENED = new Date("2026-12-01T01:00:00Z");
/** End of 20/12/2026, Vietnam time. */
export const DEADLINE = new Date("2026-12-20T16:59:59.999Z");

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(9, "0")}`;

/** Fills the migrated, empty PostgreSQL database at `url`. */
export async function createBigConsultationPostgres(url: string, options: BigPostgresOptions = {}): Promise<BigPostgres> {
  const {
    comments = 10_000_000,
    sections = 40,
    recipients = 2_000,
    sweepRecipients = 1_000_000,
    sweepConsultations = 100,
    log = (line: string) => process.stderr.write(`  ${line}\n`),
  } = options;
  const client = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC" });
  await client.connect();
  const steps: Record<string, number> = {};
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    steps[name] = performance.now() - started;
    log(`${name}: ${(steps[name] / 1000).toFixed(1)} s`);
  };
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  try {
    await q("SET maintenance_work_mem = '1GB'");
    await q("SET work_mem = '256MB'");
    await q("SET session_replication_role = replica");
    const consultationId = "big-consultation";
    const versionId = "big-version";
    const officeUserId = "big-office";
    const opened = OPENED.toISOString();
    const deadline = DEADLINE.toISOString();

    await step("draft, consultations, users and recipients", async () => {
      await q(`INSERT INTO "Document" ("id", "title", "createdAt") VALUES ('big-document', 'Kế hoạch thử tải', $1)`, [opened]);
      await q(
        `INSERT INTO "DocumentVersion" ("id", "documentId", "number", "createdAt", "sourceFilename", "sourceFormat", "sourceSha256", "frontMatter", "backMatter")
         VALUES ($1, 'big-document', 1, $2, 'bench.md', 'md', $3, $4, $5)`,
        [versionId, opened, "0".repeat(64), doc(["KẾ HOẠCH", "Thử tải"]), doc(["Nơi nhận:"])],
      );
      // Parts of four, as big-consultation.ts lays them out: a part, then three items under it.
      let part = 0;
      let parentId: string | null = null;
      for (let position = 0; position < sections; position++) {
        const isPart = position % 4 === 0;
        if (isPart) part++;
        const sectionId = id("big-section-", position);
        const text = sectionText(position);
        await q(
          `INSERT INTO "Section" ("id", "versionId", "parentId", "position", "level", "kind", "label", "heading", "anchor", "content", "plainText")
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            sectionId,
            versionId,
            isPart ? null : parentId,
            position,
            isPart ? 1 : 2,
            isPart ? "part" : "item",
            isPart ? `${toRoman(part)}.` : `${position % 4}.`,
            isPart ? `PHẦN THỨ ${part}` : `Nhiệm vụ ${position % 4}`,
            isPart ? `phan-${part}` : `phan-${part}-muc-${position % 4}`,
            doc(text.split("\n")),
            text,
          ],
        );
        if (isPart) parentId = sectionId;
      }
      const consultation = (cid: string, title: string) =>
        q(
          `INSERT INTO "Consultation" ("id", "title", "documentVersionId", "issuingBody", "parentBody", "officeEmail", "letterNumber", "letterPlace", "letterSubject",
             "letterAddressees", "letterBody", "letterDistribution", "signerTitle", "signerName", "opensAt", "deadlineAt", "publishedAt", "createdAt", "updatedAt")
           VALUES ($1, $2, $3, 'Văn phòng Ủy ban nhân dân tỉnh', 'Ủy ban nhân dân tỉnh Sóc Trăng', 'van.phong@example.gov.vn', '…/VP-VX', 'Sóc Trăng',
             $4, $5, 'Đề nghị các đồng chí nghiên cứu, góp ý.', $6, $7, 'Trương Quốc Điền', $8, $9, $8, $8, $8)`,
          [
            cid,
            title,
            versionId,
            `lấy ý kiến đối với ${title.charAt(0).toLowerCase()}${title.slice(1)}`,
            JSON.stringify(["- Thành viên Ủy ban nhân dân tỉnh;"]),
            JSON.stringify(["Như trên;", "Lưu: VT."]),
            "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG",
            opened,
            deadline,
          ],
        );
      await consultation(consultationId, "Dự thảo Kế hoạch thử tải");
      for (let c = 0; c < sweepConsultations; c++) await consultation(id("sweep-consultation-", c), `Dự thảo Kế hoạch số ${c + 1}`);
      await q(
        `INSERT INTO "User" ("id", "email", "name", "role", "createdAt") VALUES ($1, 'van.phong.thu.tai@example.gov.vn', 'Chuyên viên Văn phòng', 'office', $2)`,
        [officeUserId, opened],
      );
      // The big consultation's officials: most comment, a tenth agree, a tenth have more time.
      await q(
        `INSERT INTO "User" ("id", "email", "name", "role", "createdAt")
         SELECT 'big-user-' || lpad(n::text, 9, '0'), 'nguoi.nhan.' || n || '@so.example.gov.vn', 'Nguyễn Văn Người Nhận ' || (n + 1), 'recipient', $2::timestamp(3)
         FROM generate_series(0, $1::int - 1) n`,
        [recipients, opened],
      );
      await q(
        `INSERT INTO "Recipient" ("id", "consultationId", "userId", "title", "organization", "position", "invitedAt", "agreedAt", "extensionUntil")
         SELECT 'big-recipient-' || lpad(n::text, 9, '0'), $2, 'big-user-' || lpad(n::text, 9, '0'), 'Giám đốc Sở số ' || (n + 1), 'Sở số ' || (n + 1), n,
           $3::timestamp(3),
           CASE WHEN n % 10 = 1 THEN $3::timestamp(3) + n * interval '1 minute' END,
           CASE WHEN n % 10 = 2 THEN $4::timestamp(3) + interval '5 days' END
         FROM generate_series(0, $1::int - 1) n`,
        [recipients, consultationId, opened, deadline],
      );
      // The sweep's million: one user each, spread evenly over the other consultations.
      await q(
        `INSERT INTO "User" ("id", "email", "name", "role", "createdAt")
         SELECT 'sweep-user-' || lpad(n::text, 9, '0'), 'can.bo.' || n || '@xa.example.gov.vn', 'Trần Thị Cán Bộ ' || (n + 1), 'recipient', $2::timestamp(3)
         FROM generate_series(0, $1::int - 1) n`,
        [sweepRecipients, opened],
      );
      await q(
        `INSERT INTO "Recipient" ("id", "consultationId", "userId", "title", "organization", "position", "invitedAt")
         SELECT 'sweep-recipient-' || lpad(n::text, 9, '0'), 'sweep-consultation-' || lpad((n % $2::int)::text, 9, '0'), 'sweep-user-' || lpad(n::text, 9, '0'),
           'Chủ tịch Ủy ban nhân dân xã số ' || (n / $2::int + 1), 'Ủy ban nhân dân xã số ' || (n / $2::int + 1), n / $2::int, $3::timestamp(3)
         FROM generate_series(0, $1::int - 1) n`,
        [sweepRecipients, sweepConsultations, opened],
      );
    });

    // Lookup tables for the generator: the draft's sections and the officials who comment.
    await q(
      `CREATE TEMP TABLE big_sections AS SELECT "position" AS k, "id", "plainText" AS text, length("plainText") AS len FROM "Section" WHERE "versionId" = $1`,
      [versionId],
    );
    await q(
      `CREATE TEMP TABLE big_commenters AS SELECT (ROW_NUMBER() OVER (ORDER BY r."position") - 1)::int AS k, r."id" AS rid, r."userId" AS uid
       FROM "Recipient" r WHERE r."consultationId" = $1 AND r."position" % 10 >= 3`,
      [consultationId],
    );
    const commenters = Number((await q(`SELECT COUNT(*) AS n FROM big_commenters`)).rows[0].n);
    await q(`CREATE UNIQUE INDEX ON big_commenters (k)`);
    await q(`CREATE UNIQUE INDEX ON big_sections (k)`);

    // The indexes are built once, after the rows are in.
    const indexes = (
      await q(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = 'public' AND i.tablename IN ('Comment', 'Disposition')
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      )
    ).rows as { indexname: string; indexdef: string }[];
    for (const i of indexes) await q(`DROP INDEX "${i.indexname}"`);

    // One statement per million comments, so that a slow step shows progress.
    const CHUNK = 1_000_000;
    const span = DEADLINE.getTime() - OPENED.getTime();
    await step(`${comments.toLocaleString("en")} comments`, async () => {
      for (let from = 0; from < comments; from += CHUNK) {
        const to = Math.min(comments, from + CHUNK) - 1;
        await q(
          `WITH g AS (
             SELECT n, abs(hashint8(n)) AS h1, abs(hashint8(n + 7777777777)) AS h2, abs(hashint8(n + 15555555555)) AS h3,
               abs(hashint8(n + 23333333333)) AS h4, abs(hashint8(n + 31111111111)) AS h5
             FROM generate_series($1::bigint, $2::bigint) n
           ), c AS (
             SELECT g.*, CASE WHEN h2 % 100 < 5 THEN 'general' WHEN h2 % 100 < 40 THEN 'section' ELSE 'passage' END AS scope,
               1 + (h3 % 3)::int AS paragraphs, (h4 % 1000) < 20 AS withdrawn, (h4 / 1000) % 1000 < 500 AS decided
             FROM g
           ), t AS (
             SELECT c.*, s."id" AS "sectionId", s.text, s.len,
               CASE WHEN c.scope = 'passage' THEN (h5 % (s.len - 60))::int END AS a,
               $6::text[] AS phrases
             FROM c
             LEFT JOIN big_sections s ON c.scope <> 'general' AND s.k = (c.h3 / 3) % $4::int
           ), p AS (
             SELECT t.*, a + 20 + ((h5 / 1000) % 40)::int AS b,
               ARRAY(
                 SELECT CASE WHEN i = 0 THEN 'Đề nghị ' ELSE 'Ngoài ra, ' END || phrases[1 + ((t.h1 / (7 + i)) % 10)::int] || ', đồng thời '
                   || phrases[1 + ((t.n + i) % 10)::int] || ' (góp ý số ' || (t.n + 1) || ').'
                 FROM generate_series(0, t.paragraphs - 1) i
               ) AS texts
             FROM t
           )
           INSERT INTO "Comment" ("id", "consultationId", "recipientId", "authorId", "versionId", "scope", "sectionId", "anchorStart", "anchorEnd",
             "anchorExact", "anchorPrefix", "anchorSuffix", "body", "bodyText", "isLate", "moderation", "createdAt", "updatedAt", "withdrawnAt", "dispositionKind")
           SELECT 'big-comment-' || lpad(p.n::text, 9, '0'), $3, w.rid, w.uid, $7, p.scope, p."sectionId", p.a, p.b,
             substr(p.text, p.a + 1, p.b - p.a), CASE WHEN p.a IS NOT NULL THEN substr(p.text, greatest(1, p.a - 31), least(32, p.a)) END, substr(p.text, p.b + 1, 32),
             '{"type":"doc","content":[' || array_to_string(ARRAY(SELECT '{"type":"paragraph","content":[{"type":"text","text":' || to_json(x)::text || '}]}' FROM unnest(p.texts) x), ',') || ']}',
             array_to_string(p.texts, E'\n'), p.h5 % 100 = 7, 'none', at, at, CASE WHEN p.withdrawn THEN at + interval '1 hour' END,
             CASE WHEN NOT p.withdrawn AND p.decided THEN ($8::text[])[1 + (p.n % 4)::int] END
           FROM p
           JOIN big_commenters w ON w.k = (p.h1 % $5::int)
           CROSS JOIN LATERAL (SELECT $9::timestamp(3) + ((p.h2 / 100) % $10::bigint) * interval '1 millisecond' AS at) ts`,
          [from, to, consultationId, sections, commenters, PHRASES, versionId, KINDS, opened, span],
        );
        log(`  comments to ${(to + 1).toLocaleString("en")}`);
      }
    });
    await step("decisions", () =>
      q(
        `INSERT INTO "Disposition" ("id", "commentId", "kind", "explanation", "commentRevision", "decidedById", "decidedAt", "updatedAt")
         SELECT 'big-disposition-' || substr(c."id", 13), c."id", c."dispositionKind",
           CASE WHEN c."dispositionKind" = 'accepted' THEN '' ELSE ($2::text[])[1 + (substr(c."id", 13)::int % 4)] END, 0, $3,
           $4::timestamp(3) + interval '1 day' + substr(c."id", 13)::int * interval '1 second', $4::timestamp(3) + interval '1 day' + substr(c."id", 13)::int * interval '1 second'
         FROM "Comment" c WHERE c."consultationId" = $1 AND c."dispositionKind" IS NOT NULL`,
        [consultationId, EXPLANATIONS, officeUserId, deadline],
      ),
    );
    await q("SET session_replication_role = origin");
    await step("indexes", async () => {
      for (const i of indexes) await q(i.indexdef);
    });
    // The triggers that keep the decision screen's counts were off with the foreign keys: counted once.
    await step("counts per section", async () => {
      await q("BEGIN");
      for (const text of POSTGRES_REBUILD) await q(text);
      await q("COMMIT");
    });
    await step("vacuum analyze", async () => {
      await q(`VACUUM ANALYZE "Comment"`);
      await q(`VACUUM ANALYZE "Disposition"`);
      await q(`VACUUM ANALYZE "Recipient"`);
      await q(`VACUUM ANALYZE "User"`);
    });
    const counts = (
      await q(
        `SELECT COUNT(*) FILTER (WHERE "withdrawnAt" IS NULL)::int AS active, COUNT(*) FILTER (WHERE "withdrawnAt" IS NOT NULL)::int AS withdrawn,
           COUNT("dispositionKind")::int AS decided FROM "Comment" WHERE "consultationId" = $1`,
        [consultationId],
      )
    ).rows[0];
    return {
      consultationId,
      officeUserId,
      activeComments: counts.active,
      withdrawnComments: counts.withdrawn,
      decidedComments: counts.decided,
      sweepRecipients,
      steps,
    };
  } finally {
    await client.end();
  }
}
