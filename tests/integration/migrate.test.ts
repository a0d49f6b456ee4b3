import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate, migrationsDir } from "~/utils/migrate.server";
import { tempDir } from "../helpers/database";

describe("migrations at start-up", () => {
  it("create the schema once, in WAL mode, with Prisma's own bookkeeping", () => {
    const file = path.join(tempDir(), "nested", "portal.db");
    const first = migrate(file);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(migrate(file).applied).toEqual([]);

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const rows = db.prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`).all() as {
        migration_name: string;
        checksum: string;
      }[];
      expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
      for (const r of rows) {
        const sql = fs.readFileSync(path.join(migrationsDir(), r.migration_name, "migration.sql"));
        expect(r.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      }
      const tables = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        .all()
        .map((t) => (t as { name: string }).name);
      for (const t of [
        "User",
        "Session",
        "LoginToken",
        "Document",
        "DocumentVersion",
        "Section",
        "Consultation",
        "Recipient",
        "Comment",
        "CommentRevision",
        "ExtensionRequest",
        "Disposition",
        "OutboxMessage",
        "AuditEvent",
      ]) {
        expect(tables).toContain(t);
      }
    } finally {
      db.close();
    }
  });

  it("leave the database untouched when a migration fails", () => {
    const dir = tempDir();
    const migrations = path.join(dir, "migrations");
    fs.mkdirSync(path.join(migrations, "001_ok"), { recursive: true });
    fs.mkdirSync(path.join(migrations, "002_broken"), { recursive: true });
    fs.writeFileSync(path.join(migrations, "001_ok", "migration.sql"), `CREATE TABLE "A" ("id" INTEGER);`);
    fs.writeFileSync(path.join(migrations, "002_broken", "migration.sql"), `CREATE TABLE "B" ("id" INTEGER); THIS IS NOT SQL;`);
    const file = path.join(dir, "portal.db");
    expect(() => migrate(file, migrations)).toThrow(/002_broken/);
    const db = new Database(file, { readonly: true });
    try {
      const tables = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        .all()
        .map((t) => (t as { name: string }).name);
      expect(tables).toContain("A");
      expect(tables).not.toContain("B");
    } finally {
      db.close();
    }
  });
});
