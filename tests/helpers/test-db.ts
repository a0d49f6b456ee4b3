// A database-neutral handle on the database a server under test uses, for the assertions and the
// preparations a test makes from outside the portal: SQLite through better-sqlite3 on the file,
// PostgreSQL through a small pg pool. One SQL text for both, written with `?` placeholders
// (numbered $1, $2… for PostgreSQL) and double-quoted camelCase identifiers. Rows come back alike:
// booleans as booleans (SQLite stores 0/1), instants as Dates (SQLite stores text), counts as
// numbers; parameters that are Dates or booleans go in each database's form.
import Database from "better-sqlite3";
import pg from "pg";

export interface TestDb {
  readonly dialect: "sqlite" | "postgresql";
  /** The URL the portal takes in DATABASE_URL: `file:…` or `postgresql://…`. */
  readonly url: string;
  /**
   * A column to ORDER BY for the order rows were inserted in, in a table nothing deletes from or
   * updates: SQLite's rowid, PostgreSQL's ctid (the row's place in the table's file).
   */
  readonly insertionOrder: string;
  all<Row = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<Row[]>;
  /** The first row, or undefined. */
  get<Row = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<Row | undefined>;
  /** The names of the database's tables, sorted. */
  tables(): Promise<string[]>;
  /** A write; how many rows it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

export function openTestDb(url: string): TestDb {
  return url.startsWith("postgres") ? postgresDb(url) : sqliteDb(url.replace(/^file:/, ""));
}

function sqliteDb(path: string): TestDb {
  // Opened per call: the server's writes are seen at once, and no lock is held between statements.
  const withDb = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(path, { timeout: 10_000 });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  const all = async <Row>(text: string, ...params: unknown[]) =>
    withDb((db) => {
      const statement = db.prepare(text);
      const columns = statement.columns();
      const rows = statement.all(...params.map(sqliteParam)) as Record<string, unknown>[];
      for (const row of rows) {
        for (const { name, type } of columns) {
          const value = row[name];
          if (value === null || value === undefined) continue;
          if (type === "BOOLEAN") row[name] = value === 1;
          else if (type === "DATETIME") row[name] = sqliteInstant(value);
        }
      }
      return rows as Row[];
    });
  return {
    dialect: "sqlite",
    url: `file:${path}`,
    insertionOrder: "rowid",
    all,
    get: async <Row>(text: string, ...params: unknown[]) => (await all<Row>(text, ...params))[0],
    tables: async () => (await all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)).map((t) => t.name),
    run: async (text, ...params) => withDb((db) => db.prepare(text).run(...params.map(sqliteParam)).changes),
    close: async () => {},
  };
}

function sqliteInstant(value: unknown): Date {
  if (typeof value === "number") return new Date(value);
  const text = String(value).replace(" ", "T");
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
}

function sqliteParam(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

const TIMESTAMP = 1114;
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

function postgresDb(url: string): TestDb {
  const pool = new pg.Pool({ connectionString: url, max: 3, options: "-c TimeZone=UTC", types });
  pool.on("error", () => {}); // the server stopped under an idle connection: the next query reconnects
  const numbered = (text: string) => {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  };
  const values = (params: unknown[]) => params.map((v) => (v instanceof Date ? v.toISOString() : v));
  const all = async <Row>(text: string, ...params: unknown[]) => (await pool.query(numbered(text), values(params))).rows as Row[];
  let closed = false;
  return {
    dialect: "postgresql",
    url,
    insertionOrder: "ctid",
    all,
    get: async <Row>(text: string, ...params: unknown[]) => (await all<Row>(text, ...params))[0],
    tables: async () =>
      (
        await all<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE "C"`,
        )
      ).map((t) => t.name),
    run: async (text, ...params) => (await pool.query(numbered(text), values(params))).rowCount ?? 0,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
