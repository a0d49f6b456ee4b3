import pg from "pg";
import { startPostgres } from "../helpers/postgres";
import { startServer } from "../helpers/server";

const postgres = await startPostgres({});
const url = await postgres.createDatabase();
const server = await startServer({ DATABASE_URL: url });
await server.stop();
const c = new pg.Client({ connectionString: url });
await c.connect();
const {
  rows: [x],
} = await c.query(
  `SELECT c.id, c."consultationId", c."recipientId", c."authorId", c."versionId", c."sectionId" FROM "Comment" c WHERE "anchorStart" IS NOT NULL LIMIT 1`,
);
for (let i = 0; i < 3; i++) {
  await c.query("BEGIN");
  const { rows } = await c.query(
    `EXPLAIN (ANALYZE, BUFFERS, TIMING) INSERT INTO "Comment" ("id","consultationId","recipientId","authorId","versionId","scope","sectionId","anchorStart","anchorEnd","anchorExact","anchorPrefix","anchorSuffix","body","bodyText","isLate","moderation","idempotencyKey","createdAt","updatedAt") VALUES (gen_random_uuid()::text,$1,$2,$3,$4,'passage',$5,0,40,'x','','','{}','x',false,'none',gen_random_uuid()::text,now(),now())`,
    [x.consultationId, x.recipientId, x.authorId, x.versionId, x.sectionId],
  );
  if (i === 2) console.log(rows.map((r) => r["QUERY PLAN"]).join("\n"));
  await c.query("COMMIT");
}
await c.end();
await postgres.stop();
