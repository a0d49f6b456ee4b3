// Adding 500 pasted recipients to a running consultation (each invited) and to a draft one, through
// the same model function as the page and the CLI, on a fresh SQLite file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-recipients-"));
process.env.DATABASE_URL = `file:${path.join(dir, "portal.db")}`;
process.env.APP_URL = "http://portal.test";
const { migrate } = await import("~/utils/migrate.server");
migrate(path.join(dir, "portal.db"));
const { getDb, tuneConnection, closeDb } = await import("~/utils/db.server");
const db = getDb();
await tuneConnection(db);
const { loadDemo } = await import("~/models/demo.server");
const { addRecipients } = await import("~/models/recipient-list.server");
const { parseRecipientRows } = await import("~/domain/recipient-rows");
const { CONSOLE_ACTOR } = await import("~/domain/actor");

const running = await loadDemo(db, new Date());
const text = Array.from({ length: 500 }, (_, i) => `Người số ${i}\tPhó Giám đốc\tSở số ${i}\tbench.${i}@so.example.gov.vn\tSở, ban, ngành`).join("\n");
for (const [label, published] of [
  ["đợt chưa công bố", false],
  ["đợt đang chạy (mời ngay)", true],
  ["đợt đang chạy, lần hai", true],
] as const) {
  await db.consultation.update({ where: { id: running }, data: { publishedAt: published ? new Date() : null } });
  await db.recipient.deleteMany({ where: { consultationId: running, user: { email: { startsWith: "bench." } } } });
  await db.outboxMessage.deleteMany({ where: { toEmail: { startsWith: "bench." } } });
  const started = performance.now();
  const rows = parseRecipientRows(text);
  if (!rows.ok) throw new Error(rows.problems.join("\n"));
  const result = await addRecipients(db, CONSOLE_ACTOR, { consultationId: running, people: rows.rows, saveToBook: true }, new Date());
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(result.error);
  console.log(`500 người, ${label}: ${ms.toFixed(0)} ms (thêm ${result.added}, mời ${result.invited})`);
}
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
