// The reading pages' loaders against a real SQLite file holding the demo.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";

const setup = await useFreshDatabase();
const { db } = setup;
const { loadDemoIfEmpty } = await import("~/models/demo.server");
const { createConsultation } = await import("~/models/consultation.server");
const { consultationSpecSchema } = await import("~/domain/consultation-spec");
const { sessionCookie } = await import("~/utils/session.server");
const index = await import("~/routes/_index");
const page = await import("~/routes/lay-y-kien.$consultationId");
const content = await import("~/routes/lay-y-kien.$consultationId.noi-dung");
// The page's data names the draft's version; its markup is in the server's cache for the render.
const { compressedDraft } = await import("~/components/draft-html.server");
const cachedDraftHtml = (versionId: string) => compressedDraft(versionId)?.bytes.toString("utf8");

const LOADED_AT = new Date("2026-11-01T20:00:00Z"); // already 2 Nov in Vietnam
let demoId = "";

async function loadIndex(cookie?: string) {
  const request = new Request("http://portal.test/", { headers: cookie ? { Cookie: cookie } : {} });
  return index.loader({ request, params: {}, context: {} });
}

async function loadPage(id: string, cookie?: string) {
  const request = new Request(`http://portal.test/lay-y-kien/${id}`, { headers: cookie ? { Cookie: cookie } : {} });
  try {
    return await page.loader({ request, params: { consultationId: id }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function signedInAs(email: string): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const { createSession } = await import("~/models/auth.server");
  return sessionCookie.serialize(await createSession(db, user.id, new Date()));
}

async function hiddenConsultation(patch: Record<string, unknown>) {
  const demo = await db.consultation.findUniqueOrThrow({ where: { id: demoId } });
  const spec = consultationSpecSchema.parse({
    documentVersionId: demo.documentVersionId,
    title: "Đợt nội bộ",
    issuingBody: "Văn phòng Ủy ban nhân dân tỉnh",
    letter: {
      number: "1/VP",
      place: "Cần Thơ",
      subject: "lấy ý kiến",
      addressees: ["- Sở Y tế;"],
      body: "Nội dung.",
      signerTitle: "CHÁNH VĂN PHÒNG",
      signerName: "A",
    },
    deadline: "2099-01-01T00:00:00Z",
    recipients: [{ name: "Đoàn Thị Thu Trang", title: "Giám đốc Sở Y tế", organization: "Sở Y tế", email: "doan.thi.thu.trang@example.gov.vn" }],
    ...patch,
  });
  return (await createConsultation(db, spec, { now: new Date() })).consultationId;
}

beforeAll(async () => {
  demoId = (await loadDemoIfEmpty(db, LOADED_AT))!;
  expect(demoId).toBeTruthy();
});

describe("the demo", () => {
  it("is loaded once, only into an empty database", async () => {
    expect(await loadDemoIfEmpty(db, new Date())).toBeNull();
    // The open consultation and the closed first round beside it.
    expect(await db.consultation.count()).toBe(2);
  });

  it("is addressed as in the letter's Kính gửi, to demo people at example.gov.vn", async () => {
    const recipients = await db.recipient.findMany({ where: { consultationId: demoId }, include: { user: true } });
    expect(recipients.length).toBeGreaterThanOrEqual(5);
    expect(recipients.every((r) => r.user.isDemo && r.user.email.endsWith("@example.gov.vn"))).toBe(true);
    const orgs = recipients.map((r) => r.organization);
    expect(orgs).toContain("Sở Y tế");
    expect(orgs).toContain("Thanh tra tỉnh");
    expect(recipients.filter((r) => r.group === "Thành viên Ủy ban nhân dân tỉnh").length).toBeGreaterThan(3);
  });

  it("closes at the end of the 14th day after loading, Vietnam time", async () => {
    const c = await db.consultation.findUniqueOrThrow({ where: { id: demoId } });
    expect(c.deadlineAt.toISOString()).toBe("2026-11-16T16:59:59.999Z");
    expect(c.letterBody).toContain("ngày 16 tháng 11 năm 2026");
    expect(c.silenceIsConsent).toBe(true);
  });
});

describe("the list of drafts open for comment", () => {
  it("shows the demo with its issuing body, deadline in words, status and section count", async () => {
    const { consultations } = await loadIndex();
    const demo = consultations.find((c) => c.id === demoId)!;
    expect(demo.issuingBody).toBe("Văn phòng Ủy ban nhân dân tỉnh — Ủy ban nhân dân tỉnh Sóc Trăng");
    expect(demo.deadlineWords).toBe("hết ngày 16/11/2026 (23 giờ 59, giờ Việt Nam)");
    // Loaded in the past for this test, so by the real clock it has closed.
    expect(demo.phaseLabel).toBe("đã hết hạn góp ý");
    expect(demo.sectionCount).toBe(6 + 2 + 2 + 4 + 19 + 4);
  });
});

describe("the consultation page", () => {
  it("carries the letter, the exact deadline, the silence notice and the sections in order", async () => {
    const c = (await loadPage(demoId)) as Exclude<Awaited<ReturnType<typeof loadPage>>, Response>;
    expect(c.letter.subject).toMatch(/^lấy ý kiến đối với dự thảo Kế hoạch/);
    expect(c.letter.placeDate).toBe("Sóc Trăng, ngày 02 tháng 11 năm 2026");
    expect(c.letter.addressees[0]).toBe("- Thành viên Ủy ban nhân dân tỉnh;");
    expect(c.deadlineWords).toBe("hết ngày 16/11/2026 (23 giờ 59, giờ Việt Nam)");
    expect(c.silenceIsConsent).toBe(true);
    const draftHtml = cachedDraftHtml(c.versionId)!;
    const top = [...draftHtml.matchAll(/<h2 id="[^"]+" class="section-heading">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(top).toEqual(["I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU", "III. NỘI DUNG", "IV. NHIỆM VỤ, GIẢI PHÁP", "V. KINH PHÍ THỰC HIỆN", "VI. TỔ CHỨC THỰC HIỆN"]);
    const anchors = [...draftHtml.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toHaveLength(c.sectionCount);
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(anchors).toContain("phan-iii-muc-2");
  });

  it("shows text that looks like HTML as text", async () => {
    const { readDraft } = await import("~/imports/draft.server");
    const { createDraft } = await import("~/models/document.server");
    const source = Buffer.from("KẾ HOẠCH\n\nI. <b>PHẦN</b> MỘT\n\n<script>alert('x')</script> & <img src=x onerror=alert(1)>\n");
    const { format, split } = await readDraft(source, "xss.txt");
    const draft = await createDraft(db, { title: "<i>Thử</i>", sourceFilename: "xss.txt", sourceFormat: format, source, split }, { now: new Date() });
    const id = await hiddenConsultation({ documentVersionId: draft.versionId, title: "<script>alert(2)</script>" });
    const c = (await loadPage(id)) as Exclude<Awaited<ReturnType<typeof loadPage>>, Response>;
    const draftHtml = cachedDraftHtml(c.versionId)!;
    expect(draftHtml).toContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;");
    expect(draftHtml).toContain("I. &lt;b&gt;PHẦN&lt;/b&gt; MỘT");
    expect(draftHtml).not.toMatch(/<script|<img|<b>/);
  });

  it("answers 404 for an id that does not exist", async () => {
    const r = await loadPage("khong-ton-tai");
    expect(r).toBeInstanceOf(Response);
    expect((r as Response).status).toBe(404);
  });

  it("hides an unpublished consultation from everyone but the Office", async () => {
    const id = await hiddenConsultation({ publish: false });
    expect(((await loadPage(id)) as Response).status).toBe(404);
    expect(((await loadPage(id, await signedInAs("doan.thi.thu.trang@example.gov.vn"))) as Response).status).toBe(404);
    expect((await loadIndex()).consultations.map((c) => c.id)).not.toContain(id);
    const office = await loadPage(id, await signedInAs("van.phong@example.gov.vn"));
    expect(office).not.toBeInstanceOf(Response);
  });

  it("shows a consultation closed to the public only to its recipients and the Office", async () => {
    const id = await hiddenConsultation({ publicCanRead: false });
    expect(((await loadPage(id)) as Response).status).toBe(404);
    expect(((await loadPage(id, await signedInAs("kieu.van.sang@example.gov.vn"))) as Response).status).toBe(404);
    expect(await loadPage(id, await signedInAs("doan.thi.thu.trang@example.gov.vn"))).not.toBeInstanceOf(Response);
  });

  it("treats a revoked or forged session as nobody", async () => {
    const id = await hiddenConsultation({ publicCanRead: false });
    const cookie = await signedInAs("doan.thi.thu.trang@example.gov.vn");
    await db.session.updateMany({ data: { revokedAt: new Date() } });
    expect(((await loadPage(id, cookie)) as Response).status).toBe(404);
    expect(((await loadPage(id, await sessionCookie.serialize("x".repeat(43)))) as Response).status).toBe(404);
  });
});

describe("the draft's JSON for passage readers", () => {
  const fetchContent = async (id: string, query = "", cookie?: string) =>
    (await content.loader({
      request: new Request(`http://portal.test/lay-y-kien/${id}/noi-dung${query}`, { headers: cookie ? { Cookie: cookie } : {} }),
      params: { consultationId: id },
      context: {},
    })) as Response;

  it("gives every section's Tiptap JSON, cached for good under the version's URL", async () => {
    const c = await db.consultation.findUniqueOrThrow({ where: { id: demoId } });
    const r = await fetchContent(demoId, `?phien-ban=${c.documentVersionId}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("Cache-Control")).toBe("private, max-age=31536000, immutable");
    const sections = (await r.json()) as { anchor: string; doc: { type: string } }[];
    expect(sections).toHaveLength(37);
    expect(sections.find((s) => s.anchor === "phan-iii-muc-2")!.doc.type).toBe("doc");
    expect((await fetchContent(demoId, "?phien-ban=cu")).status).toBe(404);
  });

  it("follows the consultation's visibility", async () => {
    const id = await hiddenConsultation({ publish: false });
    expect((await fetchContent(id)).status).toBe(404);
    expect((await fetchContent(id, "", await signedInAs("van.phong@example.gov.vn"))).status).toBe(200);
  });
});
