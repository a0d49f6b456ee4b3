// A large consultation written straight into SQLite (better-sqlite3, one transaction, prepared
// statements): a draft of `sections` sections (parts with items under them), `recipients`
// officials in every state, `comments` comments spread over the draft with realistic lengths,
// some withdrawn, about half decided. For the report, DOCX and Office-screen benchmarks.
// Deterministic: the same options give the same data (ids aside).
import { randomUUID } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { ROOT } from "../helpers/cli";

export interface BigConsultationOptions {
  comments?: number;
  sections?: number;
  recipients?: number;
  /** Share of comments withdrawn (left out of the report); default 0.02. */
  withdrawn?: number;
  /** Share of comments the Office has decided on; default 0.5. */
  decided?: number;
}

export interface BigConsultation {
  consultationId: string;
  versionId: string;
  officeUserId: string;
  sectionIds: string[];
  recipientIds: string[];
  /** Comments in the report: not withdrawn. */
  activeComments: number;
  withdrawnComments: number;
  decidedComments: number;
}

export const PHRASES = [
  'Đề nghị bổ sung cụm từ "doanh nghiệp, hợp tác xã" vào sau cụm từ "tổ chức"',
  "cơ quan chủ trì cần được xác định rõ, tránh chồng chéo giữa Sở Thông tin và Truyền thông với Sở Khoa học và Công nghệ",
  "thời hạn hoàn thành năm 2025 là chưa phù hợp với điều kiện thực tế của địa phương",
  "nguồn kinh phí thực hiện nên ghi rõ: ngân sách tỉnh, ngân sách huyện và nguồn xã hội hóa",
  "đề nghị rà soát lại số liệu tại mục này cho thống nhất với Báo cáo số 125/BC-UBND",
  "cần bổ sung chỉ tiêu đánh giá cụ thể, có thể đo lường được",
  "việc đào tạo nguồn nhân lực TTNT nên giao Trường Đại học, Cao đẳng trên địa bàn phối hợp thực hiện",
  "đề nghị chỉnh sửa lỗi chính tả; viết hoa đúng quy định tại Nghị định 30/2020/NĐ-CP",
  "nội dung này trùng với nhiệm vụ đã giao tại Kế hoạch chuyển đổi số của tỉnh",
  "Sở Y tế thống nhất về cơ bản, xin góp ý thêm về ứng dụng trong khám, chữa bệnh từ xa",
];

export const EXPLANATIONS = [
  "Tiếp thu, đã chỉnh sửa tại dự thảo lần 2.",
  "Giải trình: nội dung đã được quy định tại Quyết định số 127/QĐ-TTg, không cần nhắc lại trong Kế hoạch.",
  "Không tiếp thu, vì nhiệm vụ này thuộc thẩm quyền của Bộ Thông tin và Truyền thông.",
  "Tiếp thu một phần: bổ sung cơ quan phối hợp, giữ nguyên thời hạn như dự thảo.",
];
export const KINDS = ["accepted", "explained", "not_accepted", "partly_accepted"];

/** A small fast deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
export const doc = (paragraphs: string[]) =>
  JSON.stringify({ type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });

export function sectionText(n: number): string {
  return Array.from(
    { length: 4 },
    (_, i) =>
      `${PHRASES[(n + i) % PHRASES.length]!.charAt(0).toUpperCase()}${PHRASES[(n + i) % PHRASES.length]!.slice(1)}; nội dung ${n + 1}.${i + 1} của dự thảo.`,
  ).join("\n");
}

/**
 * Writes the consultation into the SQLite file at `databasePath`, migrating it first if needed.
 * 100,000 comments take a few seconds.
 */
export async function createBigConsultation(databasePath: string, options: BigConsultationOptions = {}): Promise<BigConsultation> {
  const { comments = 100_000, sections = 40, recipients = 200, withdrawn = 0.02, decided = 0.5 } = options;
  const { migrate } = await import("~/utils/migrate.server");
  migrate(databasePath, path.join(ROOT, "prisma", "migrations"));
  const rnd = random(20261122);
  const db = new Database(databasePath);
  db.pragma("synchronous = OFF");
  try {
    // The comment keeps a copy of the Office's decision (docs/decisions/0006-decision-counts.md).

    const opened = new Date("2026-12-01T01:00:00Z");
    const deadline = new Date("2026-12-20T16:59:59.999Z");
    const documentId = randomUUID();
    const versionId = randomUUID();
    const consultationId = randomUUID();
    const officeUserId = randomUUID();
    const sectionRows: { id: string; text: string }[] = [];
    const recipientRows: { id: string; userId: string }[] = [];
    let active = 0;
    let gone = 0;
    let decisions = 0;

    db.transaction(() => {
      db.prepare(`INSERT INTO "Document" ("id", "title", "createdAt") VALUES (?, ?, ?)`).run(documentId, "Kế hoạch thử tải", iso(opened));
      db.prepare(
        `INSERT INTO "DocumentVersion" ("id", "documentId", "number", "createdAt", "sourceFilename", "sourceFormat", "sourceSha256", "frontMatter", "backMatter") VALUES (?, ?, 1, ?, 'bench.md', 'md', ?, ?, ?)`,
      ).run(versionId, documentId, iso(opened), "0".repeat(64), doc(["KẾ HOẠCH", "Thử tải"]), doc(["Nơi nhận:"]));

      const insertSection = db.prepare(
        `INSERT INTO "Section" ("id", "versionId", "parentId", "position", "level", "kind", "label", "heading", "anchor", "content", "plainText") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      // Parts of four: a part, then three items under it.
      let parentId: string | null = null;
      let part = 0;
      for (let position = 0; position < sections; position++) {
        const id = randomUUID();
        const text = sectionText(position);
        const isPart = position % 4 === 0;
        if (isPart) part++;
        const label = isPart ? `${toRoman(part)}.` : `${position % 4}.`;
        const anchor = isPart ? `phan-${part}` : `phan-${part}-muc-${position % 4}`;
        insertSection.run(
          id,
          versionId,
          isPart ? null : parentId,
          position,
          isPart ? 1 : 2,
          isPart ? "part" : "item",
          label,
          isPart ? `PHẦN THỨ ${part}` : `Nhiệm vụ ${position % 4}`,
          anchor,
          doc(text.split("\n")),
          text,
        );
        if (isPart) parentId = id;
        sectionRows.push({ id, text });
      }

      db.prepare(
        `INSERT INTO "Consultation" ("id", "title", "documentVersionId", "issuingBody", "parentBody", "officeEmail", "letterNumber", "letterPlace", "letterSubject", "letterAddressees", "letterBody", "letterDistribution", "signerTitle", "signerName", "opensAt", "deadlineAt", "publishedAt", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        consultationId,
        "Dự thảo Kế hoạch thử tải",
        versionId,
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Ủy ban nhân dân tỉnh Sóc Trăng",
        "van.phong@example.gov.vn",
        "…/VP-VX",
        "Sóc Trăng",
        "lấy ý kiến đối với dự thảo Kế hoạch thử tải",
        JSON.stringify(["- Thành viên Ủy ban nhân dân tỉnh;"]),
        "Đề nghị các đồng chí nghiên cứu, góp ý.",
        JSON.stringify(["Như trên;", "Lưu: VT."]),
        "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG",
        "Trương Quốc Điền",
        iso(opened),
        iso(deadline),
        iso(opened),
        iso(opened),
        iso(opened),
      );

      const insertUser = db.prepare(`INSERT INTO "User" ("id", "email", "name", "role", "createdAt") VALUES (?, ?, ?, ?, ?)`);
      insertUser.run(officeUserId, `van.phong.${consultationId}@example.gov.vn`, "Chuyên viên Văn phòng", "office", iso(opened));
      const insertRecipient = db.prepare(
        `INSERT INTO "Recipient" ("id", "consultationId", "userId", "title", "organization", "position", "invitedAt", "agreedAt", "extensionUntil") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (let n = 0; n < recipients; n++) {
        const id = randomUUID();
        const userId = randomUUID();
        insertUser.run(userId, `nguoi.nhan.${n}.${consultationId}@example.gov.vn`, `Nguyễn Văn Người Nhận ${n + 1}`, "recipient", iso(opened));
        // Most comment; a few agree, a few have more time, the rest stay silent.
        const agreedAt = n % 10 === 1 ? iso(new Date(opened.getTime() + n * 60_000)) : null;
        const extensionUntil = n % 10 === 2 ? iso(new Date(deadline.getTime() + 5 * 86_400_000)) : null;
        insertRecipient.run(id, consultationId, userId, `Giám đốc Sở số ${n + 1}`, `Sở số ${n + 1}`, n, iso(opened), agreedAt, extensionUntil);
        recipientRows.push({ id, userId });
      }
      // Only these comment: 70 % of recipients.
      const commenters = recipientRows.filter((_, n) => n % 10 >= 3);

      const insertComment = db.prepare(
        `INSERT INTO "Comment" ("id", "consultationId", "recipientId", "authorId", "versionId", "scope", "sectionId", "anchorStart", "anchorEnd", "anchorExact", "anchorPrefix", "anchorSuffix", "body", "bodyText", "isLate", "moderation", "createdAt", "updatedAt", "withdrawnAt", "dispositionKind")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', ?, ?, ?, ?)`,
      );
      const insertDisposition = db.prepare(
        `INSERT INTO "Disposition" ("id", "commentId", "kind", "explanation", "decidedById", "decidedAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      const span = deadline.getTime() - opened.getTime();
      for (let i = 0; i < comments; i++) {
        const id = randomUUID();
        const who = commenters[Math.floor(rnd() * commenters.length)]!;
        const r = rnd();
        const scope = r < 0.05 ? "general" : r < 0.4 ? "section" : "passage";
        const section = scope === "general" ? null : sectionRows[Math.floor(rnd() * sectionRows.length)]!;
        let anchor: [number, number, string, string, string] | [null, null, null, null, null] = [null, null, null, null, null];
        if (scope === "passage") {
          const start = Math.floor(rnd() * (section!.text.length - 60));
          const end = start + 20 + Math.floor(rnd() * 40);
          const t = section!.text;
          anchor = [start, end, t.slice(start, end), t.slice(Math.max(0, start - 32), start), t.slice(end, end + 32)];
        }
        const paragraphs = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, p) => {
          const phrase = PHRASES[Math.floor(rnd() * PHRASES.length)]!;
          return `${p === 0 ? "Đề nghị" : "Ngoài ra,"} ${phrase}, đồng thời ${PHRASES[(i + p) % PHRASES.length]} (góp ý số ${i + 1}).`;
        });
        const createdAt = new Date(opened.getTime() + Math.floor(rnd() * span));
        const isWithdrawn = rnd() < withdrawn;
        const isDecided = !isWithdrawn && rnd() < decided;
        const kind = isDecided ? KINDS[i % KINDS.length]! : null;
        insertComment.run(
          id,
          consultationId,
          who.id,
          who.userId,
          versionId,
          scope,
          section?.id ?? null,
          ...anchor,
          doc(paragraphs),
          paragraphs.join("\n"),
          rnd() < 0.01 ? 1 : 0,
          iso(createdAt),
          iso(createdAt),
          isWithdrawn ? iso(new Date(createdAt.getTime() + 3_600_000)) : null,
          kind,
        );
        if (isWithdrawn) gone++;
        else active++;
        if (kind) {
          const at = iso(new Date(deadline.getTime() + 86_400_000 + i * 1000));
          insertDisposition.run(randomUUID(), id, kind, kind === "accepted" ? "" : EXPLANATIONS[i % EXPLANATIONS.length]!, officeUserId, at, at);
          decisions++;
        }
      }
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
    return {
      consultationId,
      versionId,
      officeUserId,
      sectionIds: sectionRows.map((s) => s.id),
      recipientIds: recipientRows.map((r) => r.id),
      activeComments: active,
      withdrawnComments: gone,
      decidedComments: decisions,
    };
  } finally {
    db.close();
  }
}

export function toRoman(n: number): string {
  const table: [number, string][] = [
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [value, letters] of table) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}
