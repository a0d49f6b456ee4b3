// The consolidated report's data and its CSV and JSON exports, against a real SQLite file: a
// consultation with recipients in every state, comments out of chronological order across the
// draft, withdrawn and unmoderated ones, decisions; and the `portal report` command as a process.
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { tempDir, useFreshDatabase } from "../helpers/database";
import { createTestConsultation } from "../helpers/fixtures";

const { db, databaseUrl } = await useFreshDatabase();
const { reportHeader, reportRows, reportSummary } = await import("~/models/report.server");
const { CSV_HEADINGS, reportCsvStream, unguardCell, writeReportCsv } = await import("~/exports/csv.server");
const { writeReportJson } = await import("~/exports/json.server");
const { reportJsonSchema } = await import("~/domain/report-json");
const { DISPOSITION_LABELS, GENERAL_SECTION_LABEL } = await import("~/domain/report");
const { recipientFacts, recipientStanding } = await import("~/domain/silence");
const { sectionPathTitle } = await import("~/domain/sections");
const { docToPlainText, paragraphsToDoc } = await import("~/domain/tiptap");
const { plainParagraph } = await import("~/domain/draft-text");
const { endOfVnDay, toVnIsoString, vnInstant } = await import("~/domain/time");

type ReportRow = import("~/domain/report").ReportRow;

const published = vnInstant(2026, 12, 10, 8, 0);
const deadline = endOfVnDay(2026, 12, 20);
const extensionEnd = endOfVnDay(2026, 12, 25);
const dir = tempDir("portal-report-");
const env = { DATABASE_URL: databaseUrl, APP_URL: "http://portal.test" };

let consultationId = "";
const recipients: Record<string, { id: string; userId: string }> = {};
let sections: { id: string; parentId: string | null; position: number; label: string; heading: string; anchor: string; plainText: string }[] = [];

/** The report names a section with the labels of the parts above it ("II.2. …"). */
function titleOf(s: (typeof sections)[number]): string {
  const labels: string[] = [];
  for (let p = s.parentId; p; p = sections.find((x) => x.id === p)!.parentId) labels.unshift(sections.find((x) => x.id === p)!.label);
  return sectionPathTitle(s, labels);
}
let officeId = "";
let versionId = "";

/** Comments in the order the report must list them, with the text as the official typed it. */
const expected: { id: string; text: string; quote: string | null; section: string; scope: string; who: string; disposition?: string; explanation?: string }[] =
  [];

function body(text: string) {
  const doc = paragraphsToDoc(text.split(/\n\s*\n/).map(plainParagraph));
  return { body: JSON.stringify(doc), bodyText: docToPlainText(doc) };
}

interface NewTestComment {
  who: string; // a key of `recipients`, or "public"
  scope: "passage" | "section" | "general";
  section?: number; // index into `sections`
  start?: number;
  end?: number;
  text: string;
  at: Date;
  withdrawn?: boolean;
  late?: boolean;
  moderation?: string;
}

let publicUserId = "";

async function comment(c: NewTestComment): Promise<string> {
  const s = c.section === undefined ? null : sections[c.section]!;
  const r = c.who === "public" ? null : recipients[c.who]!;
  const created = await db.comment.create({
    data: {
      consultationId,
      recipientId: r?.id ?? null,
      authorId: r?.userId ?? publicUserId,
      versionId,
      scope: c.scope,
      sectionId: s?.id ?? null,
      anchorStart: c.scope === "passage" ? c.start! : null,
      anchorEnd: c.scope === "passage" ? c.end! : null,
      anchorExact: c.scope === "passage" ? s!.plainText.slice(c.start, c.end) : null,
      ...body(c.text),
      isLate: c.late ?? false,
      moderation: c.moderation ?? "none",
      createdAt: c.at,
      updatedAt: c.at,
      withdrawnAt: c.withdrawn ? new Date(c.at.getTime() + 60_000) : null,
    },
  });
  return created.id;
}

const day = (d: number, h = 9, m = 0) => vnInstant(2026, 12, d, h, m);

beforeAll(async () => {
  const people = ["commented", "agreed", "silent", "extended", "withdrawn", "removed", "waiting"];
  ({ consultationId } = await createTestConsultation(db, {
    now: published,
    deadline,
    recipients: people.map((p, i) => ({
      name: `Người ${p}`,
      email: `${p}@example.gov.vn`,
      organization: `Sở ${String.fromCharCode(90 - i)}`,
      title: `Giám đốc ${p}`,
    })),
  }));
  for (const r of await db.recipient.findMany({ where: { consultationId }, include: { user: true } })) {
    recipients[r.user.email.split("@")[0]!] = { id: r.id, userId: r.userId };
  }
  versionId = (await db.consultation.findUniqueOrThrow({ where: { id: consultationId } })).documentVersionId;
  sections = await db.section.findMany({ where: { versionId }, orderBy: { position: "asc" } });
  officeId = (await db.user.create({ data: { email: "chuyenvien@example.gov.vn", name: "Chuyên viên", role: "office" } })).id;
  publicUserId = (await db.user.create({ data: { email: "nguoi.dan@example.vn", name: "Nguyễn Thị Dân", role: "public" } })).id;

  await db.recipient.update({ where: { id: recipients.agreed!.id }, data: { agreedAt: day(12) } });
  await db.recipient.update({ where: { id: recipients.extended!.id }, data: { extensionUntil: extensionEnd } });
  await db.recipient.update({ where: { id: recipients.waiting!.id }, data: { extensionUntil: extensionEnd } });
  await db.recipient.update({ where: { id: recipients.removed!.id }, data: { removedAt: day(11) } });

  // Written in an order unlike the draft's, so that only the report's ordering puts them right.
  // Three sections with text to quote from, far apart in the draft.
  const quotable = sections.flatMap((s, i) => (s.plainText.length >= 80 ? [i] : []));
  const [first, later, nested] = [quotable[0]!, quotable[3]!, quotable[6]!];
  const tricky = 'Đề nghị sửa "đối tượng", bổ sung: doanh nghiệp, hợp tác xã;\nvà hộ kinh doanh.\n\nĐoạn thứ hai — tiếng Việt có dấu: ắ ặ ẵ ừ ỡ ự.';
  const ids = {
    nestedPassage: await comment({
      who: "commented",
      scope: "passage",
      section: nested,
      start: 20,
      end: 60,
      text: "Góp ý cho mục con, đoạn sau.",
      at: day(11, 8),
    }),
    laterSection: await comment({ who: "commented", scope: "section", section: later, text: '=HYPERLINK("http://x")', at: day(11, 9) }),
    firstPassageLate: await comment({
      who: "commented",
      scope: "passage",
      section: first,
      start: 40,
      end: 80,
      text: "- Đề nghị bổ sung dòng gạch đầu.",
      at: day(11, 10),
    }),
    firstPassageEarly: await comment({ who: "commented", scope: "passage", section: first, start: 5, end: 30, text: tricky, at: day(12, 10) }),
    firstSection: await comment({ who: "commented", scope: "section", section: first, text: "Cả phần này nên viết gọn lại.", at: day(13, 10) }),
    nestedPassageEarlier: await comment({
      who: "commented",
      scope: "passage",
      section: nested,
      start: 0,
      end: 10,
      text: "'+84 là mã nước; @ không phải công thức.",
      at: day(14, 10),
    }),
    general: await comment({ who: "commented", scope: "general", text: "Góp ý chung cho toàn bộ dự thảo.", at: day(15, 10) }),
    publicApproved: await comment({ who: "public", scope: "general", text: "Ý kiến của người dân.", at: day(15, 11), moderation: "approved" }),
    late: await comment({ who: "extended", scope: "section", section: later, text: "Góp ý quá hạn, trong thời gian gia hạn.", at: day(23, 9), late: true }),
  };
  // Left out of the report: withdrawn, and a public comment the Office has not approved.
  await comment({ who: "withdrawn", scope: "general", text: "Rút lại.", at: day(12, 9), withdrawn: true });
  await comment({ who: "commented", scope: "passage", section: first, start: 0, end: 4, text: "Cũng rút lại.", at: day(12, 9), withdrawn: true });
  await comment({ who: "public", scope: "general", text: "Chờ duyệt.", at: day(15, 12), moderation: "pending" });
  // Same section, same instant, same start: only the id tells them apart, across batch boundaries.
  const ties: string[] = [];
  for (let i = 0; i < 5; i++)
    ties.push(await comment({ who: "commented", scope: "passage", section: later, start: 7, end: 15, text: `Trùng vị trí ${i}`, at: day(16, 9) }));
  ties.sort();

  await db.disposition.create({
    data: {
      commentId: ids.firstPassageEarly,
      kind: "partly_accepted",
      explanation: 'Tiếp thu phần "doanh nghiệp",\nkhông tiếp thu phần còn lại.',
      decidedById: officeId,
      decidedAt: day(22, 14),
    },
  });
  await db.disposition.create({ data: { commentId: ids.general, kind: "accepted", decidedById: officeId, decidedAt: day(22, 15) } });

  const row = (id: string, who: string, sectionIndex: number | null, scope: string, text: string, quote: string | null = null) => ({
    id,
    who,
    scope,
    text,
    quote,
    section: sectionIndex === null ? GENERAL_SECTION_LABEL : titleOf(sections[sectionIndex]!),
  });
  const quote = (i: number, start: number, end: number) => sections[i]!.plainText.slice(start, end);
  expected.push(
    row(ids.general, "commented", null, "general", "Góp ý chung cho toàn bộ dự thảo."),
    row(ids.publicApproved, "public", null, "general", "Ý kiến của người dân."),
    row(ids.firstSection, "commented", first, "section", "Cả phần này nên viết gọn lại."),
    row(ids.firstPassageEarly, "commented", first, "passage", tricky, quote(first, 5, 30)),
    row(ids.firstPassageLate, "commented", first, "passage", "- Đề nghị bổ sung dòng gạch đầu.", quote(first, 40, 80)),
    row(ids.laterSection, "commented", later, "section", '=HYPERLINK("http://x")'),
    row(ids.late, "extended", later, "section", "Góp ý quá hạn, trong thời gian gia hạn."),
    ...ties.map((id) => row(id, "commented", later, "passage", "", quote(later, 7, 15))),
    row(ids.nestedPassageEarlier, "commented", nested, "passage", "'+84 là mã nước; @ không phải công thức.", quote(nested, 0, 10)),
    row(ids.nestedPassage, "commented", nested, "passage", "Góp ý cho mục con, đoạn sau.", quote(nested, 20, 60)),
  );
  // The tie texts depend on the ids' order.
  for (const e of expected) if (e.text === "") e.text = (await db.comment.findUniqueOrThrow({ where: { id: e.id } })).bodyText;
  expect(first < later && later < nested).toBe(true);
});

async function collect(rows: AsyncIterable<ReportRow[]>) {
  const batches: ReportRow[][] = [];
  for await (const batch of rows) batches.push(batch);
  return { batches, rows: batches.flat() };
}

/** What the silence rules say, from the records themselves, not through the report. */
async function standingsByRule(now: Date) {
  const c = await db.consultation.findUniqueOrThrow({ where: { id: consultationId } });
  const all = await db.recipient.findMany({ where: { consultationId, removedAt: null }, include: { comments: true } });
  return all.map((r) => recipientStanding(recipientFacts({ ...r, _count: { comments: r.comments.filter((x) => !x.withdrawnAt).length } }), c, now));
}

describe("report summary", () => {
  const cases = [
    {
      name: "before the deadline",
      now: day(18),
      silenceIsConsent: true,
      want: { asked: 6, commented: 2, agreed: 1, awaiting: 3, extension: 0, deemedAgree: 0, noReply: 0 },
      interim: true,
    },
    {
      name: "at the deadline's last millisecond",
      now: deadline,
      silenceIsConsent: true,
      want: { asked: 6, commented: 2, agreed: 1, awaiting: 3, extension: 0, deemedAgree: 0, noReply: 0 },
      interim: true,
    },
    {
      name: "after the deadline, an extension still running",
      now: day(22),
      silenceIsConsent: true,
      want: { asked: 6, commented: 2, agreed: 1, awaiting: 0, extension: 1, deemedAgree: 2, noReply: 0 },
      interim: true,
    },
    {
      name: "after every extension",
      now: day(27),
      silenceIsConsent: true,
      want: { asked: 6, commented: 2, agreed: 1, awaiting: 0, extension: 0, deemedAgree: 3, noReply: 0 },
      interim: false,
    },
    {
      name: "after the deadline, silence not consent",
      now: day(22),
      silenceIsConsent: false,
      want: { asked: 6, commented: 2, agreed: 1, awaiting: 0, extension: 1, deemedAgree: 0, noReply: 2 },
      interim: true,
    },
    {
      name: "after every extension, silence not consent",
      now: day(27),
      silenceIsConsent: false,
      want: { asked: 6, commented: 2, agreed: 1, awaiting: 0, extension: 0, deemedAgree: 0, noReply: 3 },
      interim: false,
    },
  ];
  for (const k of cases) {
    it(`counts as the silence rules say: ${k.name}`, async () => {
      await db.consultation.update({ where: { id: consultationId }, data: { silenceIsConsent: k.silenceIsConsent } });
      const s = await reportSummary(db, consultationId, k.now);
      expect(s).toMatchObject({ ...k.want, silenceIsConsent: k.silenceIsConsent });
      const byRule = await standingsByRule(k.now);
      const n = (x: string) => byRule.filter((b) => b === x).length;
      expect([s.commented, s.agreed, s.awaiting, s.extension, s.deemedAgree, s.noReply]).toEqual(
        ["commented", "agreed", "awaiting", "extension", "deemed_agree", "no_reply"].map(n),
      );
      expect(s.asked).toBe(byRule.length);
      expect((await reportHeader(db, consultationId, k.now))!.interim).toBe(k.interim);
    });
  }

  it("holds a silent recipient with an extension as pending until it ends, and lists every extension", async () => {
    await db.consultation.update({ where: { id: consultationId }, data: { silenceIsConsent: true } });
    const s = await reportSummary(db, consultationId, day(22));
    expect(s.people.extension.map((p) => p.name)).toEqual(["Người waiting"]);
    expect(s.people.commented.map((p) => p.name)).toEqual(["Người extended", "Người commented"]);
    const untilWords = "hết ngày 25/12/2026 (23 giờ 59, giờ Việt Nam)";
    expect(s.extensions).toEqual([
      { name: "Người waiting", title: "Giám đốc waiting", organization: "Sở T", until: extensionEnd.toISOString(), untilWords },
      { name: "Người extended", title: "Giám đốc extended", organization: "Sở W", until: extensionEnd.toISOString(), untilWords },
    ]);
  });

  it("names people by standing, organisation first, and leaves out the removed", async () => {
    await db.consultation.update({ where: { id: consultationId }, data: { silenceIsConsent: true } });
    const s = await reportSummary(db, consultationId, day(27));
    // Organisations were given Z, Y, X …: report order is the reverse of the invitation order.
    expect(s.people.deemed_agree).toEqual([
      { name: "Người waiting", title: "Giám đốc waiting", organization: "Sở T" },
      { name: "Người withdrawn", title: "Giám đốc withdrawn", organization: "Sở V" },
      { name: "Người silent", title: "Giám đốc silent", organization: "Sở X" },
    ]);
    expect(s.people.agreed.map((p) => p.name)).toEqual(["Người agreed"]);
    expect(
      Object.values(s.people)
        .flat()
        .some((p) => p.name === "Người removed"),
    ).toBe(false);
    expect(s).toMatchObject({ comments: expected.length, lateComments: 1, decided: 2 });
  });
});

describe("report header", () => {
  it("writes the place and the day the report is made, in Vietnam, as Decree 30 does", async () => {
    // 18:00 UTC on 4 January is already 5 January in Vietnam.
    const h = await reportHeader(db, consultationId, new Date("2027-01-04T18:00:00Z"));
    expect(h).toMatchObject({
      consultationId,
      consultationTitle: "Dự thảo Kế hoạch thử nghiệm",
      parentBody: "Ủy ban nhân dân thành phố Cần Thơ",
      issuingBody: "Văn phòng Ủy ban nhân dân tỉnh",
      placeAndDate: "Cần Thơ, ngày 05 tháng 01 năm 2027",
      subject: "lấy ý kiến đối với dự thảo Kế hoạch thử nghiệm",
      deadlineWords: "hết ngày 20/12/2026 (23 giờ 59, giờ Việt Nam)",
      interim: false,
      generatedAt: "2027-01-04T18:00:00.000Z",
    });
    expect(await reportHeader(db, "khong-co", day(27))).toBeNull();
  });
});

describe("report rows", () => {
  it("come in the order of the draft, general comments first, without the withdrawn or unmoderated", async () => {
    const { rows } = await collect(reportRows(db, consultationId));
    expect(rows.map((r) => r.commentId)).toEqual(expected.map((e) => e.id));
    expect(rows.map((r) => r.number)).toEqual(expected.map((_, i) => i + 1));
    for (const [i, r] of rows.entries()) {
      const e = expected[i]!;
      expect({ text: r.text, quote: r.quote, section: r.section, scope: r.scope }).toEqual({
        text: e.text,
        quote: e.quote,
        section: e.section,
        scope: e.scope,
      });
    }
    const publicRow = rows.find((r) => r.authorName === "Nguyễn Thị Dân")!;
    expect(publicRow).toMatchObject({ organization: "", authorTitle: "" });
    expect(rows[0]).toMatchObject({ organization: "Sở Z", authorName: "Người commented", authorTitle: "Giám đốc commented", sectionAnchor: null });
    const sectionRow = rows.find((r) => r.scope === "section")!;
    expect(sectionRow.sectionAnchor).toBe(sections.find((s) => titleOf(s) === sectionRow.section)!.anchor);
  });

  it("carries the Office's decisions and the late mark", async () => {
    const { rows } = await collect(reportRows(db, consultationId));
    const partly = rows.find((r) => r.disposition === "partly_accepted")!;
    expect(partly).toMatchObject({ explanation: 'Tiếp thu phần "doanh nghiệp",\nkhông tiếp thu phần còn lại.', decidedAt: day(22, 14).toISOString() });
    expect(rows.find((r) => r.disposition === "accepted")).toMatchObject({ scope: "general", explanation: "", decidedAt: day(22, 15).toISOString() });
    expect(rows.filter((r) => r.disposition === null)).toHaveLength(expected.length - 2);
    expect(rows.filter((r) => r.isLate).map((r) => r.authorName)).toEqual(["Người extended"]);
  });

  it("pages with a keyset: any batch size gives the same rows, never an empty batch", async () => {
    const whole = await collect(reportRows(db, consultationId));
    for (const [batchSize, keyPageSize] of [
      [1, 1],
      [2, 2],
      [2, 3],
      [3, 2],
      [4, undefined],
    ] as const) {
      const paged = await collect(reportRows(db, consultationId, { batchSize, keyPageSize }));
      expect(paged.rows).toEqual(whole.rows);
      expect(paged.batches.every((b) => b.length > 0 && b.length <= batchSize)).toBe(true);
    }
  });
});

function csvRecords(content: string): string[][] {
  return (parse(content, { bom: true, relax_quotes: false }) as string[][]).map((r) => r.map(unguardCell));
}

describe("CSV export", () => {
  let content = "";
  const file = path.join(dir, "bang-tong-hop.csv");

  beforeAll(async () => {
    await writeReportCsv({ rows: reportRows(db, consultationId, { batchSize: 4 }) }, fs.createWriteStream(file));
    content = fs.readFileSync(file, "utf8");
  });

  it("is UTF-8 with a byte order mark, CRLF rows and Vietnamese headings", () => {
    expect(content.startsWith('\uFEFFSTT,"Phần, mục",Phạm vi góp ý,')).toBe(true);
    expect(content.endsWith("\r\n")).toBe(true);
    expect(content.normalize("NFC")).toBe(content);
    const [headings] = csvRecords(content);
    expect(headings).toEqual([...CSV_HEADINGS]);
    expect(headings).toContain("Nội dung tiếp thu, giải trình");
  });

  it("parses back to exactly the stored comments, commas, quotes, line breaks and diacritics intact", () => {
    const [headings, ...records] = csvRecords(content);
    const col = (name: string) => headings!.indexOf(name);
    expect(records).toHaveLength(expected.length);
    for (const [i, record] of records.entries()) {
      const e = expected[i]!;
      expect(record).toHaveLength(CSV_HEADINGS.length);
      expect(record[col("STT")]).toBe(String(i + 1));
      expect(record[col("Mã góp ý")]).toBe(e.id);
      expect(record[col("Nội dung góp ý")]).toBe(e.text);
      expect(record[col("Đoạn trích dẫn")]).toBe(e.quote ?? "");
      expect(record[col("Phần, mục")]).toBe(e.section);
    }
    const partly = records.find((r) => r[col("Hình thức xử lý")] === DISPOSITION_LABELS.partly_accepted)!;
    expect(partly[col("Nội dung tiếp thu, giải trình")]).toBe('Tiếp thu phần "doanh nghiệp",\nkhông tiếp thu phần còn lại.');
    expect(partly[col("Thời điểm xử lý (giờ Việt Nam)")]).toBe("14:00 ngày 22/12/2026");
    expect(partly[col("Thời điểm xử lý (ISO 8601)")]).toBe(toVnIsoString(day(22, 14)));
    expect(records.filter((r) => r[col("Quá hạn")] === "quá hạn")).toHaveLength(1);
    const publicRecord = records.find((r) => r[col("Người góp ý")] === "Nguyễn Thị Dân")!;
    expect(publicRecord[col("Cơ quan, đơn vị")]).toBe("");
    expect(publicRecord[col("Thời điểm góp ý (giờ Việt Nam)")]).toBe("11:00 ngày 15/12/2026");
  });

  it("never lets a cell start as a formula when opened in Excel", () => {
    const raw = parse(content, { bom: true }) as string[][];
    for (const cell of raw.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(raw.flat()).toContain('\'=HYPERLINK("http://x")');
    expect(raw.flat()).toContain("'- Đề nghị bổ sung dòng gạch đầu.");
    // Already starting with an apostrophe before "+": one more, so that reading back is exact.
    expect(raw.flat()).toContain("''+84 là mã nước; @ không phải công thức.");
  });

  it("streams the same bytes as a web ReadableStream, for a Response body", async () => {
    const text = await new Response(reportCsvStream({ rows: reportRows(db, consultationId) })).text();
    // Response.text() drops the BOM as a UTF-8 decoder does; the bytes are otherwise the file's.
    expect(`\uFEFF${text}`).toBe(content);
  });
});

describe("JSON export", () => {
  it("validates against reportJsonSchema and carries the same header, summary and rows", async () => {
    const now = day(27);
    const header = (await reportHeader(db, consultationId, now))!;
    const summary = await reportSummary(db, consultationId, now);
    const file = path.join(dir, "bang-tong-hop.json");
    await writeReportJson({ header, summary, rows: reportRows(db, consultationId, { batchSize: 3 }) }, fs.createWriteStream(file));
    const json = reportJsonSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
    expect(json.header).toEqual(header);
    expect(json.summary).toEqual(summary);
    expect(json.rows).toEqual((await collect(reportRows(db, consultationId))).rows);
    expect(json.rows.map((r) => r.text)).toEqual(expected.map((e) => e.text));
  });

  it("is still valid JSON for a consultation without comments", async () => {
    const { consultationId: empty } = await createTestConsultation(db, { now: published, deadline, recipients: [], title: "Không có góp ý" });
    const file = path.join(dir, "trong.json");
    const now = day(27);
    await writeReportJson(
      { header: (await reportHeader(db, empty, now))!, summary: await reportSummary(db, empty, now), rows: reportRows(db, empty) },
      fs.createWriteStream(file),
    );
    const json = reportJsonSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
    expect(json.rows).toEqual([]);
    expect(json.summary.asked).toBe(0);
  });
});

describe("portal report", () => {
  const leftovers = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith(".tmp"));

  it("writes the CSV to a file and says how many rows", async () => {
    const out = path.join(dir, "cli.csv");
    const r = await runCli(["report", consultationId, "--format", "csv", "--out", out], env);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.json()).toMatchObject({ consultationId, format: "csv", out, rows: expected.length });
    const records = csvRecords(fs.readFileSync(out, "utf8"));
    expect(records.slice(1).map((x) => x[CSV_HEADINGS.indexOf("Mã góp ý")])).toEqual(expected.map((e) => e.id));
    expect(leftovers(dir)).toEqual([]);
  });

  it("writes the JSON to a file, the format taken from the name when --format is left out", async () => {
    const out = path.join(dir, "cli.json");
    const r = await runCli(["report", consultationId, "--out", out], env);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.json()).toMatchObject({ format: "json", rows: expected.length });
    const json = reportJsonSchema.parse(JSON.parse(fs.readFileSync(out, "utf8")));
    expect(json.rows.map((x) => x.commentId)).toEqual(expected.map((e) => e.id));
  });

  it("writes the DOCX through the DOCX writer", async () => {
    const out = path.join(dir, "cli.docx");
    const r = await runCli(["report", consultationId, "--format", "docx", "--out", out], env);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK");
  });

  const out = path.join(dir, "khong-duoc-tao.csv");

  it("refuses an unknown consultation, a bad format and a missing --out, leaving no file", async () => {
    const unknown = await runCli(["report", "khong-co-dot-nay", "--format", "csv", "--out", out], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Không tìm thấy đợt lấy ý kiến có mã "khong-co-dot-nay"');
    const badFormat = await runCli(["report", consultationId, "--format", "pdf", "--out", out], env);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('Định dạng không hợp lệ: "pdf". Chọn docx, csv hoặc json.');
    const noOut = await runCli(["report", consultationId, "--format", "csv"], env);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain("Thiếu --out");
    for (const r of [unknown, badFormat, noOut]) expect(r.stdout).toBe("");
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it("refuses a path it cannot write, leaving no file", async () => {
    const missingDir = path.join(dir, "khong-co-thu-muc", "x.csv");
    const unwritable = await runCli(["report", consultationId, "--format", "csv", "--out", missingDir], env);
    expect(unwritable.status).toBe(1);
    expect(unwritable.stderr).toContain("thư mục chứa tệp không tồn tại");
    const intoDir = await runCli(["report", consultationId, "--format", "csv", "--out", dir], env);
    expect(intoDir.status).toBe(1);
    expect(intoDir.stderr).toContain("là một thư mục");
    for (const r of [unwritable, intoDir]) expect(r.stdout).toBe("");
    expect(fs.existsSync(missingDir)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });
});
