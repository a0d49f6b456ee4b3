// The Office sets up and runs a consultation from the browser, against the real server and a
// real SQLite file, as a browser without JavaScript posts its forms: settings prefill a new
// consultation saved unpublished; bad input is refused beside its field and saves nothing; the
// letter is edited, then corrected after publishing (audited, nobody invited again); publishing
// twice invites once; a scheduled opening is invited by the sweep, once; extending for all sends
// one notice each to a real SMTP server; closing early ends it now.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, post } from "../helpers/http";
import { type RunningServer, startServer, useServerDatabase } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

let server: RunningServer;
let smtp: TestSmtp;
let office = "";
let versionId = "";
// biome-ignore lint/suspicious/noExplicitAny: the app's modules, imported once the server's database exists
let app: any;

const DAY = 86_400_000;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url });
  const db = await useServerDatabase(server);
  const { sweep } = await import("~/models/sweep.server");
  const time = await import("~/domain/time");
  app = { db, sweep, ...time };
  office = await sessionCookieFor(server, { role: "office" });
  versionId = (await app.db.documentVersion.findFirstOrThrow({ select: { id: true } })).id;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const vnDate = (msFromNow: number) => app.calendarDateString(app.toCalendarDate(new Date(Date.now() + msFromNow)));

function newFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    versionId,
    title: "Dự thảo Kế hoạch chuyển đổi số",
    parentBody: "Ủy ban nhân dân thành phố Cần Thơ",
    issuingBody: "Văn phòng Ủy ban nhân dân thành phố",
    number: "…/VP-KT",
    place: "Cần Thơ",
    date: vnDate(0),
    subject: "lấy ý kiến đối với dự thảo Kế hoạch chuyển đổi số",
    addressees: "- Thành viên Ủy ban nhân dân thành phố;\n- Giám đốc Sở Nội vụ.",
    body: "Đề nghị các đồng chí góp ý chậm nhất đến **hết ngày 01 tháng 01 năm 2000**.",
    deadlineInBody: "hết ngày 01 tháng 01 năm 2000",
    distribution: "Như trên;\nLưu: VT.",
    signerTitle: "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG",
    signerName: "Nguyễn Văn Ký",
    deadlineDate: vnDate(60 * DAY),
    deadlineTime: "23:59",
    opening: "now",
    silenceIsConsent: "on",
    latePolicy: "refuse",
    commentVisibility: "own",
    publicCanRead: "on",
    receipts: "on",
    ...overrides,
  };
}

async function create(overrides: Record<string, string> = {}): Promise<string> {
  const r = await post(server.url, `/office/lay-y-kien/moi?banDuThao=${versionId}`, newFields(overrides), { cookie: office });
  expect(r.status, await r.clone().text()).toBe(302);
  return r.headers.get("location")!.split("/").pop()!;
}

async function addRecipients(id: string, n: number, prefix: string) {
  for (let i = 0; i < n; i++) {
    const r = await post(
      server.url,
      `/office/lay-y-kien/${id}/nguoi-nhan`,
      { intent: "add-one", name: `Người nhận ${prefix} ${i}`, title: "Giám đốc", organization: `Sở ${prefix} ${i}`, email: `${prefix}.${i}@example.gov.vn` },
      { cookie: office },
    );
    expect([200, 302, 303]).toContain(r.status);
  }
}

const invitations = (consultationId: string) => app.db.outboxMessage.count({ where: { consultationId, kind: "invitation" } });
const audit = (consultationId: string, event: string) => app.db.auditEvent.findMany({ where: { consultationId, event } });

describe("the Office's settings and a new consultation", () => {
  it("saves the settings and prefills a new consultation from them and the draft", async () => {
    const page = await (await get(server.url, "/office/cai-dat", { cookie: office })).text();
    expect(page).toContain("Văn phòng Ủy ban nhân dân tỉnh"); // the demo's profile
    const saved = await post(
      server.url,
      "/office/cai-dat",
      {
        parentBody: "Ủy ban nhân dân thành phố Cần Thơ",
        issuingBody: "Văn phòng Ủy ban nhân dân thành phố",
        place: "Cần Thơ",
        signerTitle: "KT. CHÁNH VĂN PHÒNG\r\nPHÓ CHÁNH VĂN PHÒNG",
        signerName: "Lê Thị Ký",
        numberPattern: "…/VP-KT",
        distribution: "Như trên;\nLưu: VT, KT.",
        officeEmail: "vanphong@cantho.example.gov.vn",
        minPeriodDays: "10",
      },
      { cookie: office },
    );
    expect(saved.status).toBe(302);
    const form = await (await get(server.url, `/office/lay-y-kien/moi?banDuThao=${versionId}`, { cookie: office })).text();
    expect(form).toContain("Lê Thị Ký");
    expect(form).toContain("…/VP-KT");
    expect(form).toContain("Văn phòng Ủy ban nhân dân thành phố");
    expect(form).toMatch(/lấy ý kiến đối với dự thảo Kế hoạch/);
    expect(form).toMatch(/Hạn góp ý: hết ngày \d+\/\d+\/\d{4} \(23 giờ 59, giờ Việt Nam\)/);
  });

  it("refuses bad settings beside the field and keeps the saved ones", async () => {
    const r = await post(
      server.url,
      "/office/cai-dat",
      {
        parentBody: "",
        issuingBody: "X",
        place: "Y",
        signerTitle: "Z",
        signerName: "W",
        numberPattern: "…",
        officeEmail: "khong-phai-email",
        minPeriodDays: "0",
      },
      { cookie: office },
    );
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain("Địa chỉ email không hợp lệ.");
    expect(html).toContain("Vui lòng nhập cơ quan chủ quản.");
    expect(html).toMatch(/aria-invalid="true"/);
    expect((await app.db.officeProfile.findUniqueOrThrow({ where: { id: "office" } })).signerName).toBe("Lê Thị Ký");
  });

  it("saves a new consultation unpublished, the letter's deadline words following the deadline field", async () => {
    const id = await create();
    const c = await app.db.consultation.findUniqueOrThrow({ where: { id } });
    expect(c.publishedAt).toBeNull();
    expect(c.letterBody).toContain(`**hết ${app.formatDecreeDay(app.toCalendarDate(c.deadlineAt))}**`);
    expect(c.letterBody).not.toContain("2000");
    expect(JSON.parse(c.letterAddressees)).toEqual(["- Thành viên Ủy ban nhân dân thành phố;", "- Giám đốc Sở Nội vụ."]);
    expect(c.signerTitle).toBe("KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG");
    expect(app.formatDeadline(c.deadlineAt)).toMatch(/^hết ngày/);
  });

  it("refuses an empty subject, a past deadline and a date that does not exist, saving nothing", async () => {
    const before = await app.db.consultation.count();
    const cases: [Record<string, string>, RegExp][] = [
      [{ subject: "   " }, /Vui lòng nhập trích yếu/],
      [{ deadlineDate: vnDate(-2 * DAY) }, /đã qua; vui lòng chọn một thời điểm trong tương lai/],
      [{ deadlineDate: "2027-02-30" }, /Ngày 2027-02-30 không có thật/],
      [{ opening: "scheduled", opensDate: "" }, /Vui lòng chọn ngày bắt đầu/],
    ];
    for (const [fields, message] of cases) {
      const r = await post(server.url, `/office/lay-y-kien/moi?banDuThao=${versionId}`, newFields(fields), { cookie: office });
      expect(r.status).toBe(400);
      const html = await r.text();
      expect(html).toMatch(message);
      expect(html).toMatch(/class="field-error"/);
    }
    expect(await app.db.consultation.count()).toBe(before);
  });
});

describe("the letter, publishing and changes while it runs", () => {
  let id = "";

  beforeAll(async () => {
    id = await create({ title: "Dự thảo Quy chế thử nghiệm" });
  });

  it("edits the letter freely before publishing", async () => {
    const r = await post(
      server.url,
      `/office/lay-y-kien/${id}/cong-van`,
      { ...newFields({ title: "Dự thảo Quy chế thử nghiệm" }), subject: "lấy ý kiến đối với dự thảo Quy chế" },
      { cookie: office },
    );
    expect(r.status).toBe(302);
    expect((await app.db.consultation.findUniqueOrThrow({ where: { id } })).letterSubject).toBe("lấy ý kiến đối với dự thảo Quy chế");
    expect((await audit(id, "letter.edited")).length).toBe(1);
  });

  it("refuses to publish without recipients, then publishes once under a double click", async () => {
    const none = await post(server.url, `/office/lay-y-kien/${id}/cong-bo`, { intent: "publish" }, { cookie: office });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Chưa có người nhận nào");
    await addRecipients(id, 4, "cb");
    const confirm = await (await get(server.url, `/office/lay-y-kien/${id}/cong-bo?xacNhan=1`, { cookie: office })).text();
    expect(confirm).toContain("Sẽ gửi 4 thư mời");
    const [a, b] = await Promise.all([1, 2].map(() => post(server.url, `/office/lay-y-kien/${id}/cong-bo`, { intent: "publish" }, { cookie: office })));
    expect([a!.status, b!.status]).toEqual([302, 302]);
    expect(await invitations(id)).toBe(4);
    expect((await audit(id, "consultation.published")).length).toBe(1);
  });

  it("corrects a typo after publishing: audited with old and new text, nobody invited again", async () => {
    const before = await app.db.consultation.findUniqueOrThrow({ where: { id } });
    const fields = {
      ...newFields({ title: before.title }),
      subject: "lấy ý kiến đối với dự thảo Quy chế làm việc",
      body: before.letterBody,
      deadlineInBody: "",
    };
    const r = await post(server.url, `/office/lay-y-kien/${id}/cong-van`, fields, { cookie: office });
    expect(r.status).toBe(302);
    const [entry] = await audit(id, "letter.corrected");
    expect(JSON.parse(entry.payload).changes).toEqual([
      { field: "subject", before: "lấy ý kiến đối với dự thảo Quy chế", after: "lấy ý kiến đối với dự thảo Quy chế làm việc" },
    ]);
    expect(await invitations(id)).toBe(4);
    expect(await (await get(server.url, `/office/lay-y-kien/${id}/cong-van`, { cookie: office })).text()).toContain("người nhận không được mời lại");
  });

  it("keeps 30, 7, 5, 3 after a save and refuses a new slot already past, naming it", async () => {
    const rows = { "reminders[0].daysBefore": "3", "reminders[0].at": "08:00", "reminders[1].daysBefore": "30", "reminders[1].at": "08:00" };
    const more = { "reminders[2].daysBefore": "5", "reminders[2].at": "08:00", "reminders[3].daysBefore": "7", "reminders[3].at": "08:00" };
    const saved = await post(server.url, `/office/lay-y-kien/${id}/thoi-han`, { intent: "reminders", ...rows, ...more }, { cookie: office });
    expect(saved.status).toBe(302);
    const page = await (await get(server.url, `/office/lay-y-kien/${id}/thoi-han`, { cookie: office })).text();
    const shown = [0, 1, 2, 3, 4].map((i) => new RegExp(`name="reminders\\[${i}\\]\\.daysBefore"[^>]*value="(\\d+)"`).exec(page)?.[1] ?? null);
    expect(shown).toEqual(["30", "7", "5", "3", null]);
    const past = await post(
      server.url,
      `/office/lay-y-kien/${id}/thoi-han`,
      { intent: "reminders", "reminders[0].daysBefore": "60", "reminders[0].at": "00:00" },
      { cookie: office },
    );
    expect(past.status).toBe(400);
    expect(await past.text()).toMatch(/Các lần nhắc sau đã qua, không gửi được nữa: 60 ngày trước hạn lúc 00:00/);
    const half = await post(server.url, `/office/lay-y-kien/${id}/thoi-han`, { intent: "reminders", "reminders[0].daysBefore": "2" }, { cookie: office });
    expect(half.status).toBe(400);
    expect(await half.text()).toContain("Vui lòng nhập giờ gửi.");
    const c = await app.db.consultation.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(c.reminderSchedule).map((s: { daysBefore: number }) => s.daysBefore)).toEqual([30, 7, 5, 3]);
  });

  it("extends the deadline for everyone: one notice each through a real SMTP server", async () => {
    await smtp.waitFor(4 + 12, 30_000); // the demo's invitations and these four
    const before = smtp.messages.length;
    const until = vnDate(70 * DAY);
    const r = await post(server.url, `/office/lay-y-kien/${id}/thoi-han`, { intent: "extend", untilDate: until, untilTime: "17:00" }, { cookie: office });
    expect(r.status).toBe(302);
    const arrived = (await smtp.waitFor(before + 4, 30_000)).slice(before);
    expect(arrived.map((m) => m.subject)).toEqual(Array(4).fill("Gia hạn góp ý dự thảo Quy chế thử nghiệm"));
    expect(arrived[0]!.text).toContain(`Hạn góp ý mới: 17 giờ 00 ngày`);
    const again = await post(server.url, `/office/lay-y-kien/${id}/thoi-han`, { intent: "extend", untilDate: vnDate(65 * DAY) }, { cookie: office });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Hạn mới phải sau hạn hiện tại");
    expect(await app.db.outboxMessage.count({ where: { consultationId: id, kind: "deadline_extended" } })).toBe(4);
    expect((await audit(id, "deadline.extended")).length).toBe(1);
  });

  it("closes early after the confirmation: the deadline becomes now", async () => {
    const confirm = await (await get(server.url, `/office/lay-y-kien/${id}/thoi-han?ketThuc=1`, { cookie: office })).text();
    expect(confirm).toContain("xem như thống nhất với dự thảo kể từ lúc này");
    const unconfirmed = await post(server.url, `/office/lay-y-kien/${id}/thoi-han`, { intent: "close" }, { cookie: office });
    expect(unconfirmed.status).toBe(400);
    const r = await post(server.url, `/office/lay-y-kien/${id}/thoi-han`, { intent: "close", confirm: "yes" }, { cookie: office });
    expect(r.status).toBe(302);
    const c = await app.db.consultation.findUniqueOrThrow({ where: { id } });
    expect(c.deadlineAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await audit(id, "consultation.closed_early")).length).toBe(1);
  });

  it("refuses a recipient, and answers 404 for a consultation that does not exist", async () => {
    const recipient = await sessionCookieFor(server, { email: "cb.0@example.gov.vn" });
    expect((await post(server.url, `/office/lay-y-kien/${id}/cong-bo`, { intent: "publish" }, { cookie: recipient })).status).toBe(403);
    expect((await post(server.url, "/office/lay-y-kien/khong-co/thoi-han", { intent: "close", confirm: "yes" }, { cookie: office })).status).toBe(404);
    expect((await post(server.url, "/office/lay-y-kien/khong-co/cong-van", newFields(), { cookie: office })).status).toBe(404);
  });
});

describe("a consultation scheduled to open later", () => {
  it("is invited by the sweep at its opening, exactly once", async () => {
    const opens = vnDate(3 * DAY);
    const id = await create({ title: "Dự thảo hẹn giờ", opening: "scheduled", opensDate: opens, opensTime: "08:00" });
    await addRecipients(id, 3, "hen");
    const confirm = await (await get(server.url, `/office/lay-y-kien/${id}/cong-bo?xacNhan=1`, { cookie: office })).text();
    expect(confirm).toMatch(/Đợt sẽ bắt đầu lúc 08:00 ngày/);
    expect((await post(server.url, `/office/lay-y-kien/${id}/cong-bo`, { intent: "publish" }, { cookie: office })).status).toBe(302);
    expect(await invitations(id)).toBe(0);
    const c = await app.db.consultation.findUniqueOrThrow({ where: { id } });
    expect((await app.sweep(app.db, new Date(c.opensAt.getTime() - 60_000))).openings).toEqual([]);
    const at = new Date(c.opensAt.getTime() + 60_000);
    expect((await app.sweep(app.db, at)).openings).toEqual([{ consultationId: id, invited: 3 }]);
    expect((await app.sweep(app.db, new Date(at.getTime() + 60_000))).openings).toEqual([]);
    expect(await invitations(id)).toBe(3);
  });
});
