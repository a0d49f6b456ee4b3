// Several statements sent to PostgreSQL as one batch of the extended protocol with one Sync at its
// end, where node-postgres sends a Sync after each statement. A Sync makes the server end the
// statement, answer ReadyForQuery and flush its socket, and this process read one more message:
// a comment's eight statements cost the two sides about a third more CPU that way (pgbench, with
// the same transaction: 0.65–0.88 ms of server CPU a Sync per statement, 0.42–0.57 ms one Sync).
// Used by units of work (app/db/unit.ts), whose statements are named and prepared once per
// connection, as pg's own queries are.
//
// The batch is a pg query of its own kind (as pg-cursor is a "submittable"): the client hands it the
// server's messages in order. It extends pg's Query because a pipelined client takes no other kind
// (it refuses those that keep a portal open across round trips; a batch's portals end at its Sync).
// After an error the server skips the rest of the batch to the Sync; the batch then fails with that
// first error, and the statements after it were not run.
import pg from "pg";

export interface BatchStatement {
  name: string;
  text: string;
  values: readonly unknown[];
}

export interface BatchResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

interface Field {
  name: string;
  dataTypeID: number;
  format?: string;
}

/** The parts of pg's connection the batch drives (pg/lib/connection.js). */
interface Connection {
  stream: { cork?(): void; uncork?(): void };
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  parse(query: { text: string; name: string; types: unknown[] }): void;
  bind(config: { statement: string; values: readonly unknown[]; valueMapper: (value: unknown) => unknown }): void;
  describe(config: { type: "P"; name: string }): void;
  execute(config: { portal: string; rows: number }): void;
  sync(): void;
  on(event: "parseComplete", listener: () => void): void;
  removeListener(event: "parseComplete", listener: () => void): void;
}

/** Runs the statements in order, one Sync for all; each one's rows and row count. */
export function runBatch(client: pg.PoolClient, statements: readonly BatchStatement[]): Promise<BatchResult[]> {
  return new Promise((resolve, reject) => {
    client.query(new Batch(client, statements, resolve, reject) as unknown as pg.QueryConfig);
  });
}

/** A parameter as text, as pg's own prepareValue makes it; instants are UTC (app/db/direct.ts). */
function paramText(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || Buffer.isBuffer(value)) return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The row count a command tag ends with ("INSERT 0 1", "UPDATE 3", "SELECT 5"); BEGIN and COMMIT have none. */
const ROW_COUNT = /(\d+)$/;

const PgQuery = (pg as unknown as { Query: new (config: object) => object }).Query;

class Batch extends PgQuery {
  private readonly results: BatchResult[] = [];
  private parsers: { name: string; parse: (raw: string) => unknown }[] = [];
  private pendingRows: Record<string, unknown>[] = [];
  /** Statements whose Parse went out in this batch, in order, not yet answered by ParseComplete. */
  private parsing: BatchStatement[] = [];
  private connection: Connection | null = null;
  private readonly onParsed = () => {
    const s = this.parsing.shift();
    if (!s || !this.connection) return;
    this.connection.parsedStatements[s.name] = s.text;
    delete this.connection.submittedNamedStatements[s.name];
  };

  constructor(
    private readonly client: pg.PoolClient,
    private readonly statements: readonly BatchStatement[],
    private readonly resolve: (results: BatchResult[]) => void,
    private readonly reject: (error: Error) => void,
  ) {
    super({ text: "" });
  }

  /** Called by the client when the batch may go out. */
  submit(connection: Connection): null {
    this.connection = connection;
    connection.on("parseComplete", this.onParsed);
    connection.stream.cork?.();
    try {
      for (const s of this.statements) {
        if (connection.parsedStatements[s.name] === undefined && connection.submittedNamedStatements[s.name] === undefined) {
          connection.parse({ text: s.text, name: s.name, types: [] });
          connection.submittedNamedStatements[s.name] = s.text;
          this.parsing.push(s);
        }
        connection.bind({ statement: s.name, values: s.values, valueMapper: paramText });
        connection.describe({ type: "P", name: "" });
        connection.execute({ portal: "", rows: 0 });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(message: { fields: Field[] }) {
    this.parsers = message.fields.map((f) => ({ name: f.name, parse: this.client.getTypeParser(f.dataTypeID, (f.format ?? "text") as "text") }));
  }

  handleDataRow(message: { fields: (string | null)[] }) {
    const row: Record<string, unknown> = {};
    message.fields.forEach((raw, i) => {
      const p = this.parsers[i]!;
      row[p.name] = raw === null ? null : p.parse(raw);
    });
    this.pendingRows.push(row);
  }

  handleCommandComplete(message: { text: string }) {
    this.results.push({ rows: this.pendingRows, rowCount: Number(ROW_COUNT.exec(message.text)?.[1] ?? 0) });
    this.pendingRows = [];
    this.parsers = [];
  }

  handleEmptyQuery() {
    this.handleCommandComplete({ text: "" });
  }

  handlePortalSuspended() {
    this.fail(new Error("batch: a statement was suspended, which a batch never asks for"));
  }

  handleCopyInResponse() {
    this.fail(new Error("batch: COPY is not supported"));
  }

  handleCopyData() {}

  /** The server refused a statement (the rest were skipped), or the connection broke. */
  handleError(error: Error) {
    this.fail(error);
  }

  handleReadyForQuery() {
    this.finish();
    if (this.results.length === this.statements.length) this.resolve(this.results);
    else this.reject(new Error(`batch: ${this.results.length} of ${this.statements.length} statements answered`));
  }

  private fail(error: Error) {
    this.finish();
    this.reject(error);
  }

  /** Statements whose Parse was skipped after an error are not prepared: the next use parses them. */
  private finish() {
    if (!this.connection) return;
    this.connection.removeListener("parseComplete", this.onParsed);
    for (const s of this.parsing) delete this.connection.submittedNamedStatements[s.name];
    this.parsing = [];
  }
}
