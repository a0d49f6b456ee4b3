// The report page and its downloads, through their loaders, against the demo data: the closed demo
// consultation must give a newcomer a complete report, and only the Office may see any of it.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";

const { db } = await useFreshDatabase();
const { loadDemo } = await import("~/models/demo.server");
const { createSession } = await import("~/models/auth.server");
const { sessionCookie } = await import("~/utils/session.server");
const { reportJsonSchema } = await import("~/domain/report-json");
const reportPage = await import("~/routes/office.lay-y-kien.$consultationId_.bao-cao");
const reportFile = await import("~/routes/office.lay-y-kien.$consultationId_.bao-cao_.$format");

const openId = await loadDemo(db, new Date());
const closedId = (await db.consultation.findFirstOrThrow({ where: { id: { not: openId } } })).id;

async function cookieFor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return sessionCookie.serialize(await createSession(db, user.id, new Date()));
}
const office = await cookieFor("van.phong@example.gov.vn");
const recipient = await cookieFor("doan.thi.thu.trang@example.gov.vn");

async function call<T>(fn: (args: never) => Promise<T>, path: string, params: Record<string, string>, cookie?: string): Promise<T | Response> {
  const request = new Request(`http://portal.test${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  try {
    return await fn({ request, params, context: {} } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const page = (id: string, cookie?: string) => call(reportPage.loader, `/office/lay-y-kien/${id}/bao-cao`, { consultationId: id }, cookie);
const file = (id: string, format: string, cookie?: string) =>
  call(reportFile.loader, `/office/lay-y-kien/${id}/bao-cao/${format}`, { consultationId: id, format }, cookie);

describe("who may see the report", () => {
  it("sends the signed-out to sign in and refuses a recipient, for the page and every file", async () => {
    for (const load of [() => page(closedId), () => file(closedId, "docx"), () => file(closedId, "csv"), () => file(closedId, "json")]) {
      expect(((await load()) as Response).status).toBe(302);
    }
    for (const load of [() => page(closedId, recipient), () => file(closedId, "csv", recipient), () => file(closedId, "docx", recipient)]) {
      expect(((await load()) as Response).status).toBe(403);
    }
  });

  it("answers 404 for an unknown consultation or format", async () => {
    expect(((await page("khong-co", office)) as Response).status).toBe(404);
    expect(((await file("khong-co", "csv", office)) as Response).status).toBe(404);
    expect(((await file(closedId, "pdf", office)) as Response).status).toBe(404);
  });
});

describe("the demo's closed consultation", () => {
  it("has a complete, final report: comments, one explicit agreement, silence named, decisions", async () => {
    const data = (await page(closedId, office)) as Awaited<ReturnType<typeof reportPage.loader>>;
    expect(data.header.interim).toBe(false);
    expect(data.summary.asked).toBe(12);
    expect(data.summary.agreed).toBe(1);
    expect(data.summary.commented).toBeGreaterThanOrEqual(5);
    expect(data.summary.deemedAgree).toBe(data.summary.asked - data.summary.commented - data.summary.agreed);
    expect(data.summary.people.deemed_agree.map((p) => p.name)).toContain("Lâm Văn Hòa");
    expect(data.summary.extensions).toHaveLength(1);
    expect(data.rows[0]!.section).toBe("Góp ý chung");
    expect(data.rows.length).toBe(data.summary.comments);
    expect(data.summary.decided).toBeGreaterThan(0);
    expect(data.summary.decided).toBeLessThan(data.summary.comments); // some left for the newcomer to decide
  });

  it("marks the open consultation's report as interim", async () => {
    const data = (await page(openId, office)) as Awaited<ReturnType<typeof reportPage.loader>>;
    expect(data.header.interim).toBe(true);
  });
});

describe("the downloads", () => {
  it("streams a CSV with a byte order mark that parses back to the report's rows", async () => {
    const r = (await file(closedId, "csv", office)) as Response;
    expect(r.headers.get("Content-Type")).toContain("text/csv");
    expect(r.headers.get("Content-Disposition")).toMatch(/^attachment; filename="[\x20-\x7e]+\.csv"; filename\*=UTF-8''/);
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(new TextDecoder().decode(bytes), { bom: true, columns: true }) as Record<string, string>[];
    const comments = await db.comment.count({ where: { consultationId: closedId, withdrawnAt: null } });
    expect(records).toHaveLength(comments);
    expect(records.some((row) => Object.values(row).includes("Khái toán kinh phí thực hiện kế hoạch: 64.200.000.000 đồng"))).toBe(true);
  });

  it("streams JSON that validates against its schema", async () => {
    const r = (await file(closedId, "json", office)) as Response;
    const json = reportJsonSchema.parse(await r.json());
    expect(json.rows.map((row) => row.number)).toEqual(json.rows.map((_, i) => i + 1));
  });

  it("streams a DOCX (a zip whose document holds the comments)", async () => {
    const r = (await file(closedId, "docx", office)) as Response;
    expect(r.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const bytes = Buffer.from(await r.arrayBuffer());
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(bytes.includes(Buffer.from("word/document.xml"))).toBe(true);
  });
});
