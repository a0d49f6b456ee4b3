// `npm run portal -- db copy --to postgresql://…`: an existing SQLite portal moved to PostgreSQL,
// nothing lost. The target is migrated by the portal's runner and must be empty; every table is
// copied in one PostgreSQL transaction (parents before children), then read back inside it and
// compared with the source, table by table: the row count and a SHA-256 over the rows in key order,
// each value in one canonical form (booleans, instants in ISO UTC, numbers, text). Any difference,
// or any failure, and the transaction is rolled back: the target is left as empty as it was.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { UserInputError } from "~/domain/errors";
import { migratePostgres } from "~/utils/migrate.server";
import { POSTGRES_REBUILD } from "./tally";

export interface TableCopy {
  table: string;
  rows: number;
  /** SHA-256 of the rows in key order, the same on both sides. */
  checksum: string;
}

export interface CopyReport {
  from: string;
  to: string;
  tables: TableCopy[];
  rows: number;
}

const ROWS_PER_STATEMENT = 500;

/** Copies the SQLite file at `sqlitePath` into the empty PostgreSQL database at `url`. */
export async function copyToPostgres(sqlitePath: string, url: string, label: string): Promise<CopyReport> {
  const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const target = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC", connectionTimeoutMillis: 10_000 });
    try {
      await target.connect();
    } catch (error) {
      throw new UserInputError(`Không kết nối được tới PostgreSQL ${label}: ${(error as Error).message}. Chưa có gì được chép.`);
    }
    try {
      await migratePostgres(url);
      const tables = await tablesInOrder(target);
      const nonEmpty = [];
      for (const t of tables) if ((await target.query(`SELECT EXISTS (SELECT 1 FROM "${t.name}") AS "any"`)).rows[0].any) nonEmpty.push(t.name);
      if (nonEmpty.length) {
        throw new UserInputError(
          `Cơ sở dữ liệu đích ${label} không trống (đã có dữ liệu trong: ${nonEmpty.join(", ")}). Chỉ chép vào một cơ sở dữ liệu mới; chưa có gì được chép.`,
        );
      }
      await target.query("BEGIN");
      try {
        const copies: TableCopy[] = [];
        for (const table of tables) if (!DERIVED.has(table.name)) copies.push(await copyTable(source, target, table));
        // The comments' triggers counted them as they were copied, a row each: made again, one row per slot.
        for (const text of POSTGRES_REBUILD) await target.query(text);
        await target.query("COMMIT");
        return { from: sqlitePath, to: label, tables: copies, rows: copies.reduce((n, t) => n + t.rows, 0) };
      } catch (error) {
        await target.query("ROLLBACK");
        throw error;
      }
    } finally {
      await target.end();
    }
  } finally {
    source.close();
  }
}

/**
 * Tables the target makes from the others rather than copies: the decision screen's counts, which
 * the comment triggers write (app/db/tally.ts). Not in the report's list of tables.
 */
const DERIVED = new Set(["CommentTally"]);

interface Table {
  name: string;
  columns: { name: string; type: string }[];
  key: string[];
  /** A column referring to this same table (Section.parentId): parents are inserted first. */
  selfReference: string | null;
}

/** The portal's tables as PostgreSQL has them, each after the tables it refers to. */
async function tablesInOrder(target: pg.Client): Promise<Table[]> {
  const columns = (
    await target.query(
      `SELECT table_name AS "table", column_name AS "name", data_type AS "type" FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
    )
  ).rows as { table: string; name: string; type: string }[];
  const keys = (
    await target.query(
      `SELECT tc.table_name AS "table", kcu.column_name AS "name" FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'PRIMARY KEY' ORDER BY kcu.ordinal_position`,
    )
  ).rows as { table: string; name: string }[];
  const references = (
    await target.query(
      `SELECT cl.relname AS "table", ref.relname AS "refers", a.attname AS "column" FROM pg_constraint c
       JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class ref ON ref.oid = c.confrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace`,
    )
  ).rows as { table: string; refers: string; column: string }[];
  const names = [...new Set(columns.map((c) => c.table))].sort();
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const r of references) if (r.table === name && r.refers !== name) visit(r.refers, path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered.map((name) => ({
    name,
    columns: columns.filter((c) => c.table === name).map(({ name, type }) => ({ name, type })),
    key: keys.filter((k) => k.table === name).map((k) => k.name),
    selfReference: references.find((r) => r.table === name && r.refers === name)?.column ?? null,
  }));
}

async function copyTable(source: Database.Database, target: pg.Client, table: Table): Promise<TableCopy> {
  const order = table.key.map((k) => `"${k}"`).join(", ");
  const rows = source.prepare(`SELECT * FROM "${table.name}" ORDER BY ${order}`).all() as Record<string, unknown>[];
  // PostgreSQL's text cannot hold U+0000, which the portal stored before its forms dropped it.
  for (const row of rows) {
    for (const c of table.columns) {
      if (typeof row[c.name] === "string" && (row[c.name] as string).includes("\u0000")) {
        throw new UserInputError(
          `Bảng ${table.name}, dòng ${String(row[table.key[0]!])}, cột ${c.name} chứa ký tự NUL (U+0000), PostgreSQL không lưu được. Hãy xóa ký tự đó trong SQLite rồi chép lại; chưa có gì được chép.`,
        );
      }
    }
  }
  const fromSource = checksum(table, rows, fromSqlite);
  const pending = table.selfReference ? parentsFirst(rows, table) : rows;
  const columnList = table.columns.map((c) => `"${c.name}"`).join(", ");
  for (let i = 0; i < pending.length; i += ROWS_PER_STATEMENT) {
    const batch = pending
      .slice(i, i + ROWS_PER_STATEMENT)
      .map((row) => Object.fromEntries(table.columns.map((c) => [c.name, fromSqlite(row[c.name], c.type)])));
    // The rows as one JSON parameter, made into the table's own row type: each value cast to its column's type.
    await target.query(`INSERT INTO "${table.name}" (${columnList}) SELECT ${columnList} FROM jsonb_populate_recordset(NULL::"${table.name}", $1::jsonb)`, [
      JSON.stringify(batch),
    ]);
  }
  const copied = (await target.query(`SELECT * FROM "${table.name}"`)).rows as Record<string, unknown>[];
  const inTarget = checksum(table, copied, fromPostgres);
  if (copied.length !== rows.length || inTarget !== fromSource) {
    throw new Error(
      `Bảng ${table.name}: nguồn có ${rows.length} dòng, đích có ${copied.length}; tổng kiểm tra ${inTarget === fromSource ? "khớp" : "không khớp"}. Đã hoàn tác, đích vẫn trống.`,
    );
  }
  return { table: table.name, rows: rows.length, checksum: fromSource };
}

/** Rows whose parent (same table) comes before them. */
function parentsFirst(rows: Record<string, unknown>[], table: Table): Record<string, unknown>[] {
  const column = table.selfReference!;
  const key = table.key[0]!;
  const placed = new Set<unknown>();
  const out: Record<string, unknown>[] = [];
  let left = rows;
  while (left.length) {
    const next = left.filter((r) => r[column] === null || placed.has(r[column]));
    if (!next.length) throw new Error(`Bảng ${table.name}: có dòng trỏ tới dòng cha không tồn tại.`);
    for (const r of next) {
      out.push(r);
      placed.add(r[key]);
    }
    const taken = new Set(next);
    left = left.filter((r) => !taken.has(r));
  }
  return out;
}

const INSTANT = /^timestamp/;

/** A SQLite value as the PostgreSQL column takes it: 0/1 for booleans, "…+00:00" text for instants. */
function fromSqlite(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === "boolean") return value === 1 || value === true;
  if (INSTANT.test(type)) return canonicalInstant(value);
  if (Buffer.isBuffer(value)) return value.toString("base64");
  return value;
}

function fromPostgres(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (INSTANT.test(type)) return canonicalInstant(value);
  return value;
}

function canonicalInstant(value: unknown): string {
  return (value instanceof Date ? value : new Date(value as string | number)).toISOString();
}

function checksum(table: Table, rows: Record<string, unknown>[], read: (value: unknown, type: string) => unknown): string {
  const hash = createHash("sha256");
  // In key order (every key is a text id), compared as code points whatever the database's collation.
  const sorted = [...rows].sort((a, b) => {
    for (const k of table.key) {
      const x = String(a[k]);
      const y = String(b[k]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  for (const row of sorted) hash.update(`${JSON.stringify(table.columns.map((c) => read(row[c.name], c.type)))}\n`);
  return hash.digest("hex");
}
