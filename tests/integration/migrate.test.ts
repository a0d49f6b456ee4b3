import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate, migrationsDir } from "~/utils/migrate.server";
import { ROOT } from "../helpers/cli";
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

describe("the SQLite migrations", () => {
  it("make exactly the schema of schema.prisma: the same tables, columns, indexes and foreign keys as Prisma's own DDL", () => {
    // What Prisma would create from the schema alone, offline.
    const ddl = execFileSync(
      path.join(ROOT, "node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--config", "prisma/prisma.config.ts", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${path.join(tempDir(), "unused.db")}` }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const reference = path.join(tempDir(), "reference.db");
    const ref = new Database(reference);
    ref.exec(ddl);
    ref.close();
    const migrated = path.join(tempDir(), "migrated.db");
    migrate(migrated);
    expect(sqliteCatalog(migrated)).toEqual(sqliteCatalog(reference));

    // The same migrations less one index would be caught.
    const dir = tempDir("portal-migrations-");
    fs.cpSync(migrationsDir(), dir, { recursive: true });
    const init = path.join(dir, "20261122000000_init", "migration.sql");
    const sql = fs.readFileSync(init, "utf8");
    const index = /CREATE UNIQUE INDEX "User_email_key"[^;]*;/.exec(sql)![0];
    fs.writeFileSync(init, sql.replace(index, ""));
    const short = path.join(tempDir(), "short.db");
    migrate(short, dir);
    expect(sqliteCatalog(short)).not.toEqual(sqliteCatalog(reference));
  });
});

/** Every table's columns, indexes and foreign keys, as comparable lines (Prisma's bookkeeping left out). */
function sqliteCatalog(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const lines: string[] = [];
    for (const table of tables) {
      for (const c of db.pragma(`table_info("${table}")`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[])
        lines.push(`${table}.${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`);
      for (const i of db.pragma(`index_list("${table}")`) as { name: string; unique: number }[]) {
        const columns = (db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((x) => x.name).join(",");
        lines.push(`${table} index ${i.name} unique=${i.unique} (${columns})`);
      }
      for (const f of db.pragma(`foreign_key_list("${table}")`) as { table: string; from: string; to: string; on_update: string; on_delete: string }[])
        lines.push(`${table}.${f.from} -> ${f.table}.${f.to} update=${f.on_update} delete=${f.on_delete}`);
    }
    return lines.sort();
  } finally {
    db.close();
  }
}
