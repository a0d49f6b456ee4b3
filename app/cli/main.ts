// The Office's command line: `npm run portal -- <command>`. Results are JSON on stdout;
// problems are Vietnamese sentences on stderr with a non-zero exit, and nothing is written.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { copyToPostgres } from "~/db/copy.server";
import { CONSOLE_ACTOR } from "~/domain/actor";
import { PHASE_LABELS } from "~/domain/consultation";
import { consultationSpecSchema, describeIssues } from "~/domain/consultation-spec";
import { DRAFT_LIMITS, formatBytes, formatCount } from "~/domain/draft-limits";
import { UserInputError } from "~/domain/errors";
import { addAccountSchema } from "~/domain/forms/recipients";
import { parseRecipientRows } from "~/domain/recipient-rows";
import { isReportFormat, type ReportData, type ReportFormat, type ReportRow } from "~/domain/report";
import { DraftStructureError } from "~/domain/sections";
import { writeReportCsv } from "~/exports/csv.server";
import { writeReportJson } from "~/exports/json.server";
import { checkDraftFileSize, DraftImportError } from "~/imports/draft.server";
import { CONSOLE_LINK_TTL_MS, issueConsoleLink } from "~/models/auth.server";
import { createConsultation, listConsultations } from "~/models/consultation.server";
import { importDraft } from "~/models/draft-import.server";
import { addOfficeAccount } from "~/models/office-account.server";
import { publishConsultation } from "~/models/publish.server";
import { addRecipients } from "~/models/recipient-list.server";
import { reportHeader, reportRows, reportSummary } from "~/models/report.server";
import { publishResult } from "~/models/result-publication.server";
import { sweep } from "~/models/sweep.server";
import { deliverAllDue } from "~/server/outbox-worker.server";
import { closeDb, openDb as openDatabase, tuneConnection } from "~/utils/db.server";
import { getEnv, parseDatabaseUrl, withoutPassword } from "~/utils/env.server";
import { createMailer } from "~/utils/mailer.server";
import { migrate, migrateDatabase } from "~/utils/migrate.server";

const HELP = `Cổng góp ý dự thảo — dòng lệnh cho Văn phòng

Cách dùng: npm run portal -- <lệnh> [tham số]

Lệnh:
  import <tệp> [--title "…"]          Nhập dự thảo từ tệp .txt, .md hoặc .docx; tách thành các phần, mục.
                                      In ra {documentId, versionId, sections: [{label, heading, level}]}.
                                      Giới hạn: tệp .txt, .md ${formatBytes(DRAFT_LIMITS.textFileBytes)}; tệp .docx ${formatBytes(DRAFT_LIMITS.docxFileBytes)}
                                      (phần văn bản XML giải nén ${formatBytes(DRAFT_LIMITS.docxXmlBytes)}); mỗi phần, mục ${formatCount(DRAFT_LIMITS.sectionChars)} ký tự.
  consultation create <spec.json>     Tạo đợt lấy ý kiến từ tệp mô tả JSON (xem docs/cli.md).
                                      In ra {consultationId, url}.
  consultation publish <mã đợt>       Công bố một đợt đã lưu chưa công bố và gửi thư mời (hoặc hẹn gửi
                                      lúc đợt bắt đầu). In ra {consultationId, invited, scheduled, alreadyPublished}.
  consultation list                   Liệt kê mọi đợt lấy ý kiến (id, title, url, deadline, state).
  consultation publish-result <mã đợt> [--ca-y-kien-chua-xu-ly]
                                      Công bố kết quả (sau hạn góp ý và mọi gia hạn): mỗi người đã góp ý
                                      nhận một thư báo. Còn ý kiến chưa xử lý thì phải thêm
                                      --ca-y-kien-chua-xu-ly. In ra {consultationId, emailed, alreadyPublished}.
  login-link <email>                  In một liên kết đăng nhập dùng một lần (hiệu lực 60 phút),
                                      cho bộ phận CNTT khi thư không gửi được.
  sweep [--now <thời điểm ISO>] [--dry-run]
                                      Chạy một lượt lịch nhắc và gửi thư đến hạn, tính như ở thời
                                      điểm đã cho; --dry-run chỉ cho biết sẽ gửi gì.
  report <mã đợt> --format docx|csv|json --out <tệp>
                                      Xuất bảng tổng hợp ý kiến, tiếp thu, giải trình ra tệp (docx: văn
                                      bản theo Nghị định 30/2020; csv: mỗi góp ý một dòng, mở bằng Excel;
                                      json: đầy đủ cho phần mềm khác). Không có --format thì lấy theo
                                      đuôi tệp. In ra {consultationId, format, out, rows, interim, generatedAt}.
  recipients add <mã đợt> <tệp.tsv> [--khong-luu-danh-ba]
                                      Thêm người nhận từ tệp dán từ Excel (tab) hoặc CSV (; hoặc ,): họ tên,
                                      chức vụ, cơ quan, email, nhóm. Có lỗi ở dòng nào thì báo dòng đó và
                                      không thêm ai. Đợt đã công bố thì gửi thư mời ngay. Người mới cũng được
                                      lưu vào danh bạ, trừ khi có --khong-luu-danh-ba. In ra {consultationId, added, invited, alreadyThere}.
  office add <email> [--name "…"]     Thêm (hoặc mở lại) một tài khoản Văn phòng; đăng nhập bằng email ngay.
  db copy --to postgresql://…         Chép toàn bộ cổng SQLite hiện có (DATABASE_URL) sang một cơ sở dữ liệu
                                      PostgreSQL mới, trống; so từng bảng (số dòng, tổng kiểm tra SHA-256).
                                      Lỗi hoặc sai lệch thì hoàn tác, đích vẫn trống. In ra {from, to, tables, rows}.
  help, --help                        Hiện hướng dẫn này.

Biến môi trường: DATABASE_URL (mặc định file:./data/portal.db), APP_URL (mặc định http://localhost:3000),
SMTP_URL và MAIL_FROM (không có SMTP_URL thì thư vào hộp thư cục bộ data/mailbox).
Mẹo: dùng "npm run -s portal -- …" để chỉ nhận JSON trên đầu ra.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${HELP}\n`);
    return command ? 0 : 2;
  }
  if (command === "import") return print(await importCommand(rest));
  if (command === "login-link") return print(await loginLinkCommand(rest));
  if (command === "sweep") return print(await sweepCommand(rest));
  if (command === "report") return print(await reportCommand(rest));
  if (command === "recipients") {
    const [sub, ...args] = rest;
    if (sub === "add") return print(await recipientsAddCommand(args));
    throw new UsageError(`Lệnh con không hợp lệ: "recipients ${sub ?? ""}". Dùng "recipients add <mã đợt> <tệp.tsv>".`);
  }
  if (command === "db") {
    const [sub, ...args] = rest;
    if (sub === "copy") return print(await dbCopyCommand(args));
    throw new UsageError(`Lệnh con không hợp lệ: "db ${sub ?? ""}". Dùng "db copy --to postgresql://…".`);
  }
  if (command === "office") {
    const [sub, ...args] = rest;
    if (sub === "add") return print(await officeAddCommand(args));
    throw new UsageError(`Lệnh con không hợp lệ: "office ${sub ?? ""}". Dùng "office add <email>".`);
  }
  if (command === "consultation") {
    const [sub, ...args] = rest;
    if (sub === "create") return print(await createCommand(args));
    if (sub === "list") return print(await listCommand(args));
    if (sub === "publish") return print(await publishCommand(args));
    if (sub === "publish-result") return print(await publishResultCommand(args));
    throw new UsageError(
      `Lệnh con không hợp lệ: "consultation ${sub ?? ""}". Dùng "consultation create <spec.json>", "consultation publish <mã đợt>" hoặc "consultation list".`,
    );
  }
  throw new UsageError(`Lệnh không hợp lệ: "${command}". Gõ "npm run portal -- --help" để xem các lệnh.`);
}

function print(result: unknown): number {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

/** The database, migrated. `tune: false` for commands that only read on the direct connection,
 *  so that Prisma's query engine is never loaded (the report's CSV export stays within its memory). */
async function openDb({ tune = true } = {}) {
  await migrateDatabase(getEnv().database);
  const db = await openDatabase();
  if (tune) await tuneConnection(db);
  return db;
}

/** The SQLite portal (DATABASE_URL) copied into an empty PostgreSQL database, compared table by table. */
async function dbCopyCommand(args: string[]) {
  const { values } = parseCliArgs(args, { to: { type: "string" } });
  const target = values.to ? parseDatabaseUrl(values.to) : null;
  if (!target || "error" in target || target.kind !== "postgresql") {
    throw new UsageError(`"db copy" cần --to postgresql://người-dùng:mật-khẩu@máy-chủ:5432/tên-cơ-sở-dữ-liệu (một cơ sở dữ liệu PostgreSQL mới, trống).`);
  }
  const { database } = getEnv();
  if (database.kind !== "sqlite") throw new UsageError(`"db copy" chép từ SQLite: DATABASE_URL phải là file:đường/dẫn.db của cổng hiện có.`);
  if (!existsSync(database.path)) throw new UserInputError(`Không có tệp cơ sở dữ liệu SQLite "${database.path}" (DATABASE_URL).`);
  // The source brought up to date first, as the server would at start: both sides then have one schema.
  migrate(database.path);
  return copyToPostgres(database.path, target.url, withoutPassword(target.url));
}

/** `checkSize` sees the size before anything is read, so a file too large is never loaded. */
async function readInputFile(file: string | undefined, what: string, checkSize?: (bytes: number) => void): Promise<Buffer> {
  if (!file) throw new UsageError(`Thiếu đường dẫn ${what}.`);
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new UserInputError(`"${file}" không phải là một tệp.`);
    checkSize?.(stat.size);
    return await fs.readFile(file);
  } catch (error) {
    if (error instanceof UserInputError || error instanceof DraftImportError) throw error;
    throw new UserInputError(`Không tìm thấy hoặc không đọc được tệp "${file}".`);
  }
}

async function importCommand(args: string[]) {
  const { values, positionals } = parseCliArgs(args, { title: { type: "string" } });
  if (positionals.length > 1) throw new UsageError("Mỗi lần chỉ nhập một tệp.");
  const file = positionals[0];
  const buffer = await readInputFile(file, "tệp dự thảo", (bytes) => checkDraftFileSize(path.basename(file!), bytes));
  const db = await openDb();
  // The same read, split and save as the Office's upload form, only without the checking page.
  const imported = await importDraft(db, CONSOLE_ACTOR, { source: buffer, filename: path.basename(file!), title: values.title ?? null }, new Date());
  if (!imported.ok) throw new UserInputError(imported.error);
  return imported.draft;
}

async function createCommand(args: string[]) {
  const { positionals } = parseCliArgs(args, {});
  const buffer = await readInputFile(positionals[0], "tệp mô tả đợt lấy ý kiến (spec.json)");
  let json: unknown;
  try {
    json = JSON.parse(buffer.toString("utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UserInputError(`Tệp "${positionals[0]}" không phải JSON hợp lệ: ${(error as Error).message}`);
  }
  const parsed = consultationSpecSchema.safeParse(json);
  if (!parsed.success) throw new UserInputError(describeIssues(parsed.error));
  const db = await openDb();
  const created = await createConsultation(db, parsed.data, { now: new Date() });
  return { consultationId: created.consultationId, url: `${getEnv().APP_URL}${created.path}` };
}

/** The same publishing as the Office's "Công bố" button, as the command line's actor. */
async function publishCommand(args: string[]) {
  const { positionals } = parseCliArgs(args, {});
  if (positionals.length !== 1) throw new UsageError("Cần đúng một mã đợt lấy ý kiến: consultation publish <mã đợt>.");
  const consultationId = positionals[0]!;
  const db = await openDb();
  const result = await publishConsultation(db, CONSOLE_ACTOR, { consultationId }, new Date());
  if (!result.ok) throw new UserInputError(result.problems ?? [result.error]);
  return { consultationId, invited: result.invited, scheduled: result.scheduled, alreadyPublished: result.alreadyPublished };
}

async function publishResultCommand(args: string[]) {
  const { values, positionals } = parseCliArgs(args, { "ca-y-kien-chua-xu-ly": { type: "boolean" } });
  if (positionals.length !== 1) throw new UsageError("Cần đúng một mã đợt lấy ý kiến: consultation publish-result <mã đợt>.");
  const consultationId = positionals[0]!;
  const db = await openDb();
  const input = { consultationId, undecidedAcknowledged: values["ca-y-kien-chua-xu-ly"] === true };
  const result = await publishResult(db, CONSOLE_ACTOR, input, new Date());
  if (!result.ok)
    throw new UserInputError(result.fields?.undecidedAcknowledged ? [`${result.error} (dòng lệnh: thêm --ca-y-kien-chua-xu-ly)`] : [result.error]);
  return { consultationId, emailed: result.emailed, alreadyPublished: result.alreadyPublished };
}

async function listCommand(args: string[]) {
  parseCliArgs(args, {});
  const db = await openDb();
  const now = new Date();
  const all = await listConsultations(db, "cli", now);
  return all.map((c) => ({
    id: c.id,
    title: c.title,
    url: `${getEnv().APP_URL}${c.path}`,
    deadline: c.deadlineAt.toISOString(),
    state: c.phase,
    stateLabel: PHASE_LABELS[c.phase],
  }));
}

async function recipientsAddCommand(args: string[]) {
  const { values, positionals } = parseCliArgs(args, { "khong-luu-danh-ba": { type: "boolean" } });
  if (positionals.length !== 2) throw new UsageError("Cần mã đợt và tệp danh sách: recipients add <mã đợt> <tệp.tsv>.");
  const [consultationId, file] = positionals as [string, string];
  const rows = parseRecipientRows((await readInputFile(file, "tệp danh sách người nhận")).toString("utf8"));
  if (!rows.ok) throw new UserInputError(rows.problems);
  const db = await openDb();
  const result = await addRecipients(db, CONSOLE_ACTOR, { consultationId, people: rows.rows, saveToBook: values["khong-luu-danh-ba"] !== true }, new Date());
  if (!result.ok) throw new UserInputError(result.problems ?? [result.error]);
  return { consultationId, added: result.added, invited: result.invited, alreadyThere: result.alreadyThere };
}

async function officeAddCommand(args: string[]) {
  const { values, positionals } = parseCliArgs(args, { name: { type: "string" } });
  if (positionals.length !== 1) throw new UsageError("Cần đúng một địa chỉ email: office add <email>.");
  const parsed = addAccountSchema.safeParse({ intent: "add", email: positionals[0], name: values.name ?? positionals[0] });
  if (!parsed.success) throw new UserInputError(parsed.error.issues.map((i) => i.message));
  const db = await openDb();
  const result = await addOfficeAccount(db, CONSOLE_ACTOR, parsed.data, new Date());
  if (!result.ok) throw new UserInputError([result.error]);
  return { userId: result.userId, email: result.email };
}

async function loginLinkCommand(args: string[]) {
  const { positionals } = parseCliArgs(args, {});
  if (positionals.length !== 1) throw new UsageError("Cần đúng một địa chỉ email: login-link <email>.");
  const db = await openDb();
  const link = await issueConsoleLink(db, positionals[0]!, new Date());
  if (!link) throw new UserInputError(`Không có tài khoản nào dùng địa chỉ ${positionals[0]}.`);
  return { email: positionals[0]!.trim().toLowerCase(), link, validMinutes: CONSOLE_LINK_TTL_MS / 60_000 };
}

async function sweepCommand(args: string[]) {
  const { values } = parseCliArgs(args, { now: { type: "string" }, "dry-run": { type: "boolean" } });
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime()) || (values.now !== undefined && !/T.*(Z|[+-]\d{2}:\d{2})$/.test(values.now))) {
    throw new UserInputError(`--now phải là một thời điểm ISO 8601 có múi giờ, ví dụ 2026-12-03T08:00:00+07:00 (đã nhận "${values.now}").`);
  }
  const dryRun = values["dry-run"] === true;
  const db = await openDb();
  const report = await sweep(db, now, { dryRun });
  if (dryRun) return { ...report, delivery: null };
  const env = getEnv();
  const mailer = createMailer(env);
  try {
    const delivery = await deliverAllDue(db, mailer, { now, workerId: `cli:${process.pid}` });
    return { ...report, delivery: { via: mailer.kind, ...delivery } };
  } finally {
    mailer.close();
  }
}

type ReportWriter = (input: ReportData, out: NodeJS.WritableStream) => Promise<void>;

async function reportCommand(args: string[]) {
  const { values, positionals } = parseCliArgs(args, { format: { type: "string" }, out: { type: "string" } });
  if (positionals.length !== 1) throw new UsageError("Cần đúng một mã đợt lấy ý kiến: report <mã đợt> --format docx|csv|json --out <tệp>.");
  const consultationId = positionals[0]!;
  const format =
    values.format ??
    path
      .extname(values.out ?? "")
      .slice(1)
      .toLowerCase();
  if (!isReportFormat(format)) {
    throw new UsageError(
      values.format === undefined
        ? "Thiếu --format: chọn docx, csv hoặc json (hoặc đặt tên tệp --out có đuôi .docx, .csv, .json)."
        : `Định dạng không hợp lệ: "${values.format}". Chọn docx, csv hoặc json.`,
    );
  }
  if (!values.out) throw new UsageError("Thiếu --out <tệp>: đường dẫn tệp để ghi bảng tổng hợp.");
  const out = path.resolve(values.out);
  const write = format === "csv" ? null : await reportWriter(format);
  const db = await openDb({ tune: format !== "csv" });
  const now = new Date();
  const header = await reportHeader(db, consultationId, now);
  if (!header) throw new UserInputError(`Không tìm thấy đợt lấy ý kiến có mã "${consultationId}". Xem các mã bằng lệnh "consultation list".`);
  const tally = { rows: 0 };
  const rows = counted(reportRows(db, consultationId), tally);
  if (write) {
    const summary = await reportSummary(db, consultationId, now);
    await writeFileAtomically(out, (stream) => write({ header, summary, rows }, stream));
  } else {
    // The CSV holds only the rows: no summary, whose counts would cost a pass over every comment.
    await writeFileAtomically(out, (stream) => writeReportCsv({ rows }, stream));
  }
  return { consultationId, format, out, rows: tally.rows, interim: header.interim, generatedAt: header.generatedAt };
}

async function reportWriter(format: Exclude<ReportFormat, "csv">): Promise<ReportWriter> {
  if (format === "json") return writeReportJson;
  try {
    // Loaded only when asked for: the DOCX writer is the largest of the three.
    return (await import("~/exports/docx.server")).writeReportDocx;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new UserInputError("Bản này chưa có chức năng xuất tệp Word (.docx). Hãy xuất dạng csv hoặc json, hoặc cập nhật phần mềm.");
    }
    throw error;
  }
}

async function* counted(rows: AsyncIterable<ReportRow[]>, tally: { rows: number }): AsyncGenerator<ReportRow[]> {
  for await (const batch of rows) {
    tally.rows += batch.length;
    yield batch;
  }
}

/**
 * Writes into a temporary file beside `target` and renames it into place only once complete, so
 * a failure (or Ctrl-C) never leaves a truncated report that looks finished.
 */
async function writeFileAtomically(target: string, write: (out: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  const stat = await fs.stat(target).catch(() => null);
  if (stat?.isDirectory()) throw new UserInputError(`"${target}" là một thư mục; hãy cho --out một tên tệp.`);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  // A 1 MiB buffer lets the next rows be read while the disk takes the last ones.
  const stream = createWriteStream(temp, { flags: "wx", highWaterMark: 1 << 20 });
  try {
    await once(stream, "open");
  } catch (error) {
    throw new UserInputError(`Không ghi được tệp "${target}": ${fileProblem(error)}.`);
  }
  try {
    await write(stream);
    await fs.rename(temp, target);
  } catch (error) {
    stream.destroy();
    await fs.rm(temp, { force: true });
    if (isFileError(error)) throw new UserInputError(`Không ghi được tệp "${target}": ${fileProblem(error)}.`);
    throw error;
  }
}

function isFileError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "thư mục chứa tệp không tồn tại";
  if (code === "EACCES" || code === "EPERM") return "không có quyền ghi vào thư mục này";
  if (code === "EROFS") return "ổ đĩa chỉ cho đọc";
  if (code === "ENOSPC") return "ổ đĩa đã đầy";
  if (code === "EISDIR") return "đó là một thư mục";
  if (code === "ENOTDIR") return "một phần của đường dẫn không phải là thư mục";
  return (error as Error).message;
}

function parseCliArgs<T extends Record<string, { type: "string" | "boolean" }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`Tham số không hợp lệ: ${(error as Error).message}`);
  }
}

function explain(error: unknown): { message: string; code: number } {
  if (error instanceof UsageError) return { message: `${error.message}\nGõ "npm run portal -- --help" để xem cách dùng.`, code: 2 };
  if (error instanceof UserInputError) return { message: error.problems.map((p) => `Lỗi: ${p}`).join("\n"), code: 1 };
  if (error instanceof DraftImportError || error instanceof DraftStructureError) return { message: `Lỗi: ${error.message}`, code: 1 };
  return { message: `Lỗi hệ thống: ${error instanceof Error ? error.message : String(error)}`, code: 70 };
}

main(process.argv.slice(2))
  .catch((error: unknown) => {
    const { message, code } = explain(error);
    process.stderr.write(`${message}\n`);
    return code;
  })
  .then(async (code) => {
    await closeDb();
    process.exitCode = code;
  });
