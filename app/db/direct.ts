// Hand-written statements read outside Prisma, for either database: on SQLite a prepared
// statement on the direct better-sqlite3 connection (Prisma's query compiler cost about a
// millisecond a query on the hot paths, docs/decisions/0005-hot-path.md), on PostgreSQL the pool
// Prisma shares. Rows come back alike from both: booleans as booleans (SQLite stores 0/1, and a
// `=== 1` on PostgreSQL's true would be silently false), instants as Dates (SQLite stores text),
// counts as numbers; parameters that are instants go in each database's form.
import { type Db, dialectOf, directConnection, poolOf, sqlInstant, statement, writeDirect } from "~/utils/db.server";

export interface Statement<Row> {
  sqlite: string;
  postgresql: string;
  /** Columns SQLite returns as 0/1. */
  booleans: readonly (keyof Row)[];
  /** Columns SQLite returns as text. */
  instants: readonly (keyof Row)[];
}

/**
 * A statement whose text both databases take, written with `?` placeholders; PostgreSQL gets them
 * numbered. For a text that differs, pass `postgresql`.
 */
export function sql<Row>(
  text: string,
  shape: { booleans?: readonly (keyof Row)[]; instants?: readonly (keyof Row)[]; postgresql?: string } = {},
): Statement<Row> {
  let n = 0;
  return {
    sqlite: text,
    postgresql:
      shape.postgresql ??
      numbered.get(text) ??
      remember(
        text,
        text.replace(/\?/g, () => `$${++n}`),
      ),
    booleans: shape.booleans ?? [],
    instants: shape.instants ?? [],
  };
}

// Statements built per request (a visibility rule's WHERE) are numbered once per text.
const numbered = new Map<string, string>();
function remember(text: string, postgresql: string): string {
  if (numbered.size < 1000) numbered.set(text, postgresql);
  return postgresql;
}

/**
 * A statement PostgreSQL alone runs (a row lock SQLite's single writer makes needless); only for
 * `later` in a unit (app/db/unit.ts), which SQLite skips.
 */
export function postgresOnly(text: string): Statement<unknown> {
  return { sqlite: "", postgresql: text, booleans: [], instants: [] };
}

/** A statement and its parameters as pg sends them, named so each connection prepares it once. */
export function namedQuery(s: Pick<Statement<unknown>, "postgresql">, params: readonly unknown[]) {
  return { name: statementName(s.postgresql), text: s.postgresql, values: params.map(postgresParam) };
}

/** A write outside Prisma's transactions; how many rows it changed. On SQLite through the group commit (writeDirect). */
export async function execute(db: Db, s: Statement<unknown>, params: readonly unknown[]): Promise<number> {
  if (dialectOf(db) === "postgresql") {
    const { rowCount } = await poolOf(db).query(namedQuery(s, params));
    return rowCount ?? 0;
  }
  return writeDirect(db, (conn) => statement(conn, s.sqlite).run(...params.map(sqliteParam)).changes);
}

export async function readOne<Row>(db: Db, s: Statement<Row>, params: readonly unknown[]): Promise<Row | undefined> {
  return (await readAll(db, s, params))[0];
}

export async function readAll<Row>(db: Db, s: Statement<Row>, params: readonly unknown[]): Promise<Row[]> {
  if (dialectOf(db) === "postgresql") {
    const { rows } = await poolOf(db).query(namedQuery(s, params));
    return rows as Row[];
  }
  const rows = statement(directConnection(db), s.sqlite).all(...params.map(sqliteParam)) as Record<string, unknown>[];
  if (s.booleans.length || s.instants.length) for (const row of rows) fromSqlite(row, s);
  return rows as Row[];
}

export function fromSqlite<Row>(row: Record<string, unknown>, s: Statement<Row>) {
  for (const column of s.booleans as readonly string[]) if (row[column] !== null) row[column] = row[column] === 1;
  for (const column of s.instants as readonly string[]) if (row[column] !== null) row[column] = new Date(row[column] as string);
}

export function sqliteParam(value: unknown): unknown {
  if (value instanceof Date) return sqlInstant(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** UTC text: pg would send a Date in the process's local time, whose offset a timestamp column drops. */
export function postgresParam(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

// Named, so each pooled connection prepares a statement once (its plan kept) rather than on every query.
const names = new Map<string, string>();
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `portal_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}
