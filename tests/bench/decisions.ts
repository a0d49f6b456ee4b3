// The Office's decision screen (tiếp thu / giải trình) on a consultation with 100,000 comments over
// 40 sections, served by the production build: the first page, one request at a time, signed in
// as the Office.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { startServer } from "../helpers/server";
import type { BenchRow } from "./run";

const COMMENTS = 100_000;
const SECTIONS = 40;
const REQUESTS = 15;
const TARGET_MS = 200;

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

type Generator = (databasePath: string, opts: { comments: number; sections: number }) => Promise<{ consultationId: string }> | { consultationId: string };

/** The shared generator when it exists (tests/bench/big-consultation.ts), else the one below. */
async function generator(): Promise<{ name: string; make: Generator }> {
  const shared = path.join(import.meta.dirname, "big-consultation.ts");
  if (fs.existsSync(shared)) {
    const mod = (await import(shared)) as { createBigConsultation?: Generator };
    if (mod.createBigConsultation) return { name: "big-consultation.ts", make: mod.createBigConsultation };
  }
  return { name: "inline", make: createBigConsultationInline };
}

/**
 * A consultation on a draft of `sections` parts, with 40 recipients in 20 organisations and
 * `comments` comments: 2 % general, 28 % on a whole section, 70 % on a passage; 5 % withdrawn and
 * a third decided. Written straight into an already migrated database file.
 */
export function createBigConsultationInline(databasePath: string, opts: { comments: number; sections: number }): { consultationId: string } {
  const db = new Database(databasePath, { timeout: 10_000 });
  try {
    const now = new Date();
    const at = iso(now);
    const documentId = randomUUID();
    const versionId = randomUUID();
    const consultationId = randomUUID();
    const text = "Tăng cường ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước, bảo đảm an toàn thông tin. ".repeat(6);
    const doc = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
    const office = db.prepare(`SELECT id FROM "User" WHERE role = 'office' LIMIT 1`).get() as { id: string } | undefined;
    const officeId = office?.id ?? randomUUID();
    db.transaction(() => {
      if (!office) db.prepare(`INSERT INTO "User" (id, email, name, role, createdAt) VALUES (?, ?, ?, 'office', ?)`).run(officeId, `van.phong.${officeId}@example.gov.vn`, "Văn phòng", at);
      db.prepare(`INSERT INTO "Document" (id, title, createdAt) VALUES (?, ?, ?)`).run(documentId, "Dự thảo lớn để đo", at);
      db.prepare(
        `INSERT INTO "DocumentVersion" (id, documentId, number, createdAt, sourceFormat, sourceSha256, frontMatter, backMatter) VALUES (?, ?, 1, ?, 'md', ?, ?, ?)`,
      ).run(versionId, documentId, at, "0".repeat(64), doc, doc);
      const sectionIds: string[] = [];
      const insertSection = db.prepare(
        `INSERT INTO "Section" (id, versionId, position, level, kind, label, heading, anchor, content, plainText) VALUES (?, ?, ?, 1, 'article', ?, ?, ?, ?, ?)`,
      );
      for (let i = 0; i < opts.sections; i++) {
        const id = randomUUID();
        sectionIds.push(id);
        insertSection.run(id, versionId, i, `Điều ${i + 1}.`, `Nội dung thứ ${i + 1} của dự thảo`, `dieu-${i + 1}`, doc, text);
      }
      const deadline = new Date(now.getTime() - 86_400_000);
      db.prepare(
        `INSERT INTO "Consultation" (id, title, documentVersionId, issuingBody, letterNumber, letterPlace, letterSubject, letterAddressees, letterBody, letterDistribution, signerTitle, signerName, opensAt, deadlineAt, publishedAt, createdAt, updatedAt)
         VALUES (?, ?, ?, 'Văn phòng Ủy ban nhân dân tỉnh', '…/VP', 'Cần Thơ', 'lấy ý kiến dự thảo lớn', '[]', 'Đề nghị góp ý.', '[]', 'CHÁNH VĂN PHÒNG', 'Nguyễn Văn Ký', ?, ?, ?, ?, ?)`,
      ).run(consultationId, "Dự thảo lớn để đo (100.000 ý kiến)", versionId, iso(new Date(now.getTime() - 30 * 86_400_000)), iso(deadline), at, at, at);
      const recipients: { id: string; userId: string }[] = [];
      for (let i = 0; i < 40; i++) {
        const userId = randomUUID();
        const id = randomUUID();
        db.prepare(`INSERT INTO "User" (id, email, name, role, createdAt) VALUES (?, ?, ?, 'recipient', ?)`).run(userId, `nguoi.${i}.${consultationId}@example.gov.vn`, `Người nhận ${i + 1}`, at);
        db.prepare(`INSERT INTO "Recipient" (id, consultationId, userId, title, organization, position, invitedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
          id,
          consultationId,
          userId,
          `Giám đốc ${i + 1}`,
          `Sở số ${(i % 20) + 1}`,
          i,
          at,
        );
        recipients.push({ id, userId });
      }
      const insertComment = db.prepare(
        `INSERT INTO "Comment" (id, consultationId, recipientId, authorId, versionId, scope, sectionId, anchorStart, anchorEnd, anchorExact, body, bodyText, isLate, createdAt, updatedAt, withdrawnAt, dispositionKind)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertDisposition = db.prepare(`INSERT INTO "Disposition" (id, commentId, kind, explanation, decidedById, decidedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
      const kinds = ["accepted", "partly_accepted", "explained", "not_accepted"];
      const bodyText = "Đề nghị làm rõ trách nhiệm của từng cơ quan trong việc chia sẻ dữ liệu.";
      const body = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: bodyText }] }] });
      let seed = 42;
      const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
      for (let i = 0; i < opts.comments; i++) {
        const id = randomUUID();
        const r = recipients[Math.floor(random() * recipients.length)]!;
        const roll = random();
        const scope = roll < 0.02 ? "general" : roll < 0.3 ? "section" : "passage";
        const sectionId = scope === "general" ? null : sectionIds[Math.floor(random() * sectionIds.length)]!;
        const start = scope === "passage" ? Math.floor(random() * 400) : null;
        const createdAt = iso(new Date(now.getTime() - 20 * 86_400_000 + Math.floor(random() * 19 * 86_400_000)));
        const withdrawn = random() < 0.05 ? createdAt : null;
        const kind = random() < 0.33 ? kinds[i % 4]! : null;
        insertComment.run(id, consultationId, r.id, r.userId, versionId, scope, sectionId, start, start === null ? null : start + 20, start === null ? null : text.slice(start, start + 20), body, bodyText, random() < 0.03 ? 1 : 0, createdAt, createdAt, withdrawn, kind);
        if (kind) insertDisposition.run(randomUUID(), id, kind, kind === "accepted" ? "" : "Đã giải trình.", officeId, at, at);
      }
      db.prepare(`UPDATE "Recipient" SET answeredAt = ? WHERE consultationId = ?`).run(at, consultationId);
    })();
    return { consultationId };
  } finally {
    db.close();
  }
}

/** Comment.dispositionKind mirrors Disposition.kind (setDisposition keeps it so); a generator may not know. */
function keepDecisionCopies(databasePath: string, consultationId: string): void {
  const db = new Database(databasePath, { timeout: 10_000 });
  try {
    db.prepare(`UPDATE "Comment" SET "dispositionKind" = (SELECT d."kind" FROM "Disposition" d WHERE d."commentId" = "Comment"."id") WHERE "consultationId" = ?`).run(consultationId);
  } finally {
    db.close();
  }
}

function signInOffice(databasePath: string): string {
  const db = new Database(databasePath);
  try {
    const user = db.prepare(`SELECT id FROM "User" WHERE role = 'office' ORDER BY createdAt LIMIT 1`).get() as { id: string };
    const raw = randomBytes(32).toString("base64url");
    db.prepare(`INSERT INTO "Session" (id, userId, createdAt, expiresAt) VALUES (?, ?, ?, ?)`).run(
      createHash("sha256").update(raw).digest("hex"),
      user.id,
      iso(new Date()),
      iso(new Date(Date.now() + 86_400_000)),
    );
    // The cookie as Remix's createCookie writes an unsigned string value.
    return `__session=${encodeURIComponent(Buffer.from(JSON.stringify(raw)).toString("base64"))}`;
  } finally {
    db.close();
  }
}

async function timed(url: string, cookie: string): Promise<{ ms: number; bytes: number; status: number; html: string }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const html = await response.text();
  return { ms: performance.now() - started, bytes: html.length, status: response.status, html };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function benchDecisionScreen(): Promise<BenchRow[]> {
  const server = await startServer({ SCHEDULER: "off" });
  try {
    const { name: generatorName, make } = await generator();
    const generated = performance.now();
    const { consultationId } = await make(server.databasePath, { comments: COMMENTS, sections: SECTIONS });
    keepDecisionCopies(server.databasePath, consultationId);
    const generatedMs = performance.now() - generated;
    const cookie = signInOffice(server.databasePath);
    const base = `${server.url}/office/lay-y-kien/${consultationId}/xu-ly`;
    const measure = async (query: string) => {
      const url = `${base}${query}`;
      const first = await timed(url, cookie); // warm-up: statement caches, page cache of the OS
      if (first.status !== 200) throw new Error(`${url}: ${first.status}\n${first.html.slice(0, 500)}`);
      const runs = [];
      for (let i = 0; i < REQUESTS; i++) runs.push(await timed(url, cookie));
      return { p50: median(runs.map((r) => r.ms)), max: Math.max(...runs.map((r) => r.ms)), kib: Math.round(first.bytes / 1024), cold: first.ms };
    };
    const fmt = (ms: number) => `${Math.round(ms)} ms`;
    const first = await measure("");
    const undecided = await measure("?tinh-trang=chua-xu-ly");
    const organisation = await measure(`?don-vi=${encodeURIComponent("Sở số 7")}`);
    const deep = await measure("?trang=1500");
    const label = `decision screen, ${COMMENTS.toLocaleString("en")} comments over ${SECTIONS} sections, Office signed in, ${REQUESTS} sequential requests`;
    return [
      {
        name: `${label}: first page p50 / max`,
        figure: `${fmt(first.p50)} / ${fmt(first.max)} (first request ${fmt(first.cold)}, ${first.kib} KiB; data by ${generatorName} in ${Math.round(generatedMs / 1000)} s)`,
        target: `p50 < ${TARGET_MS} ms`,
        met: first.p50 < TARGET_MS,
      },
      { name: "decision screen, filtered to undecided comments: first page p50", figure: fmt(undecided.p50), target: `< ${TARGET_MS} ms`, met: undecided.p50 < TARGET_MS },
      { name: "decision screen, filtered to one organisation: first page p50", figure: fmt(organisation.p50), target: `< ${TARGET_MS} ms`, met: organisation.p50 < TARGET_MS },
      { name: "decision screen, page 1,500 (75,000 comments in): p50", figure: fmt(deep.p50), target: "—", met: null },
    ];
  } finally {
    await server.stop();
  }
}
