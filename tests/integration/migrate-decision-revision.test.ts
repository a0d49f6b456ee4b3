// The migration that gives decisions the wording they were made on, applied by the real runner to a
// database holding comments, earlier wordings and decisions from before it: nothing is lost (its
// table rebuild must not cascade), and a decision already taken stands on the comment's current wording.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate, migrationsDir } from "~/utils/migrate.server";
import { tempDir } from "../helpers/database";

const MIGRATION = "20261130101500_decision_on_revision";

/** The checked-in migrations up to (not including) `name`, in a folder of their own. */
function migrationsBefore(name: string): string {
  const dir = path.join(tempDir(), "migrations");
  for (const m of fs.readdirSync(migrationsDir()).filter((m) => m < name && fs.existsSync(path.join(migrationsDir(), m, "migration.sql")))) {
    fs.mkdirSync(path.join(dir, m), { recursive: true });
    fs.copyFileSync(path.join(migrationsDir(), m, "migration.sql"), path.join(dir, m, "migration.sql"));
  }
  return dir;
}

const SEED = `
INSERT INTO "User" (id, email, name, role, createdAt) VALUES ('u', 'vp@example.gov.vn', 'Văn phòng', 'office', '2026-11-01T00:00:00.000+00:00');
INSERT INTO "Document" (id, title, createdAt) VALUES ('d', 'Dự thảo', '2026-11-01T00:00:00.000+00:00');
INSERT INTO "DocumentVersion" (id, documentId, number, createdAt, sourceFormat, sourceSha256, frontMatter, backMatter)
  VALUES ('v', 'd', 1, '2026-11-01T00:00:00.000+00:00', 'txt', 'x', '{}', '{}');
INSERT INTO "Consultation" (id, title, documentVersionId, issuingBody, letterNumber, letterPlace, letterSubject, letterAddressees, letterBody,
  letterDistribution, signerTitle, signerName, opensAt, deadlineAt, createdAt, updatedAt)
  VALUES ('c', 'Đợt', 'v', 'Văn phòng', '…', 'Cần Thơ', 'lấy ý kiến', '[]', 'Đề nghị góp ý.', '[]', 'CHÁNH VĂN PHÒNG', 'Người ký',
  '2026-11-01T00:00:00.000+00:00', '2026-12-01T00:00:00.000+00:00', '2026-11-01T00:00:00.000+00:00', '2026-11-01T00:00:00.000+00:00');
INSERT INTO "Comment" (id, consultationId, authorId, versionId, scope, body, bodyText, createdAt, updatedAt, dispositionKind) VALUES
  ('twice-edited', 'c', 'u', 'v', 'general', '{}', 'Bản thứ ba.', '2026-11-02T00:00:00.000+00:00', '2026-11-04T00:00:00.000+00:00', 'accepted'),
  ('never-edited', 'c', 'u', 'v', 'general', '{}', 'Bản duy nhất.', '2026-11-02T00:00:00.000+00:00', '2026-11-02T00:00:00.000+00:00', 'explained'),
  ('undecided', 'c', 'u', 'v', 'general', '{}', 'Chưa xử lý.', '2026-11-02T00:00:00.000+00:00', '2026-11-02T00:00:00.000+00:00', NULL);
INSERT INTO "CommentRevision" (id, commentId, body, bodyText, createdAt) VALUES
  ('r-second', 'twice-edited', '{}', 'Bản thứ hai.', '2026-11-03T00:00:00.000+00:00'),
  ('r-first', 'twice-edited', '{}', 'Bản đầu.', '2026-11-02T00:00:00.000+00:00');
INSERT INTO "Disposition" (id, commentId, kind, explanation, decidedById, decidedAt, updatedAt) VALUES
  ('d1', 'twice-edited', 'accepted', '', 'u', '2026-11-05T00:00:00.000+00:00', '2026-11-05T00:00:00.000+00:00'),
  ('d2', 'never-edited', 'explained', 'Đã có.', 'u', '2026-11-05T00:00:00.000+00:00', '2026-11-05T00:00:00.000+00:00');
`;

describe(`migration ${MIGRATION}`, () => {
  it("numbers the earlier wordings, counts each comment's, and leaves every decision standing on the current wording", () => {
    const file = path.join(tempDir(), "portal.db");
    expect(migrate(file, migrationsBefore(MIGRATION)).applied).not.toContain(MIGRATION);
    const before = new Database(file);
    before.exec(SEED);
    before.close();

    // Its own migration first; any later ones follow it.
    expect(migrate(file).applied[0]).toBe(MIGRATION);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare(`SELECT id, revision, dispositionNeedsReview, dispositionKind FROM "Comment" ORDER BY id`).all()).toEqual([
        { id: "never-edited", revision: 0, dispositionNeedsReview: 0, dispositionKind: "explained" },
        { id: "twice-edited", revision: 2, dispositionNeedsReview: 0, dispositionKind: "accepted" },
        { id: "undecided", revision: 0, dispositionNeedsReview: 0, dispositionKind: null },
      ]);
      expect(db.prepare(`SELECT id, commentId, revision, bodyText FROM "CommentRevision" ORDER BY revision`).all()).toEqual([
        { id: "r-first", commentId: "twice-edited", revision: 0, bodyText: "Bản đầu." },
        { id: "r-second", commentId: "twice-edited", revision: 1, bodyText: "Bản thứ hai." },
      ]);
      expect(db.prepare(`SELECT commentId, kind, explanation, commentRevision FROM "Disposition" ORDER BY commentId`).all()).toEqual([
        { commentId: "never-edited", kind: "explained", explanation: "Đã có.", commentRevision: 0 },
        { commentId: "twice-edited", kind: "accepted", explanation: "", commentRevision: 2 },
      ]);
      expect(db.pragma("foreign_key_check")).toEqual([]);
    } finally {
      db.close();
    }
  });
});
