// Office pages refuse everyone but the Office, for real: each loader and action is called with
// no session, with a recipient's session and with the Office's.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";

const { db } = await useFreshDatabase();
const { loadDemoIfEmpty } = await import("~/models/demo.server");
const { createSession } = await import("~/models/auth.server");
const { sessionCookie } = await import("~/utils/session.server");
const { createMailer } = await import("~/utils/mailer.server");
const { deliverDue } = await import("~/server/outbox-worker.server");
const { getEnv } = await import("~/utils/env.server");

const demoId = (await loadDemoIfEmpty(db, new Date()))!;
// The demo's invitations, delivered to the local mailbox as `npm start` does.
const local = createMailer({ ...getEnv(), SMTP_URL: undefined });
await deliverDue(db, local, { now: new Date(), workerId: "test" });
const mailId = (await db.outboxMessage.findFirstOrThrow({ where: { deliveredVia: "local" } })).id;

async function cookieFor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return sessionCookie.serialize(await createSession(db, user.id, new Date()));
}

const routes = {
  layout: { mod: await import("~/routes/office"), path: "/office", params: {} },
  index: { mod: await import("~/routes/office._index"), path: "/office", params: {} },
  consultation: { mod: await import("~/routes/office.lay-y-kien.$consultationId"), path: `/office/lay-y-kien/${demoId}`, params: { consultationId: demoId } },
  recipients: {
    mod: await import("~/routes/office.lay-y-kien.$consultationId_.nguoi-nhan"),
    path: `/office/lay-y-kien/${demoId}/nguoi-nhan`,
    params: { consultationId: demoId },
  },
  addressBook: { mod: await import("~/routes/office.danh-ba"), path: "/office/danh-ba", params: {} },
  accounts: { mod: await import("~/routes/office.tai-khoan"), path: "/office/tai-khoan", params: {} },
  mailbox: { mod: await import("~/routes/office.mailbox._index"), path: "/office/mailbox", params: {} },
  message: { mod: await import("~/routes/office.mailbox.$messageId"), path: `/office/mailbox/${mailId}`, params: { messageId: mailId } },
  template: { mod: await import("~/routes/office.mailbox.mau.$name"), path: "/office/mailbox/mau/moi-gop-y", params: { name: "moi-gop-y" } },
  settings: { mod: await import("~/routes/office.cai-dat"), path: "/office/cai-dat", params: {} },
  newConsultation: { mod: await import("~/routes/office.lay-y-kien.moi"), path: "/office/lay-y-kien/moi", params: {} },
  letter: {
    mod: await import("~/routes/office.lay-y-kien.$consultationId_.cong-van"),
    path: `/office/lay-y-kien/${demoId}/cong-van`,
    params: { consultationId: demoId },
  },
  rules: {
    mod: await import("~/routes/office.lay-y-kien.$consultationId_.thoi-han"),
    path: `/office/lay-y-kien/${demoId}/thoi-han`,
    params: { consultationId: demoId },
  },
  publish: {
    mod: await import("~/routes/office.lay-y-kien.$consultationId_.cong-bo"),
    path: `/office/lay-y-kien/${demoId}/cong-bo`,
    params: { consultationId: demoId },
  },
};

async function callLoader(name: keyof typeof routes, cookie?: string) {
  const r = routes[name];
  const request = new Request(`http://portal.test${r.path}`, { headers: cookie ? { Cookie: cookie } : {} });
  try {
    return await r.mod.loader({ request, params: r.params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("Office pages", () => {
  for (const name of Object.keys(routes) as (keyof typeof routes)[]) {
    it(`${name}: sends the signed-out to sign in, refuses a recipient, serves the Office`, async () => {
      const anonymous = (await callLoader(name)) as Response;
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toBe(`/dang-nhap?tiep=${encodeURIComponent(routes[name].path)}`);
      const recipient = (await callLoader(name, await cookieFor("doan.thi.thu.trang@example.gov.vn"))) as Response;
      expect(recipient.status).toBe(403);
      const office = await callLoader(name, await cookieFor("van.phong@example.gov.vn"));
      expect(office).not.toBeInstanceOf(Response);
    });
  }

  it("shows each recipient's invitation as delivered, and the local mailbox holds them", async () => {
    const office = await cookieFor("van.phong@example.gov.vn");
    const page = (await callLoader("recipients", office)) as { recipients: { delivery: { ok: boolean | null; text: string }; invitedAt: string | null }[] };
    expect(page.recipients).toHaveLength(12);
    expect(page.recipients.every((r) => r.invitedAt && r.delivery.ok === true && r.delivery.text.startsWith("đã gửi"))).toBe(true);
    const box = (await callLoader("mailbox", office)) as { total: number };
    expect(box.total).toBe(12);
  });

  it("refuses a recipient who posts a new recipient, and adds one for the Office", async () => {
    const post = async (cookie: string) => {
      const body = new FormData();
      const person = { intent: "add-one", name: "Ngô Văn Mới", title: "Giám đốc Sở Nội vụ", organization: "Sở Nội vụ", email: "ngo.van.moi@example.gov.vn" };
      for (const [k, v] of Object.entries(person)) body.set(k, v);
      const request = new Request(`http://portal.test/office/lay-y-kien/${demoId}/nguoi-nhan`, { method: "POST", body, headers: { Cookie: cookie } });
      try {
        return await routes.recipients.mod.action({ request, params: { consultationId: demoId }, context: {} });
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };
    const refused = (await post(await cookieFor("doan.thi.thu.trang@example.gov.vn"))) as Response;
    expect(refused.status).toBe(403);
    expect(await db.user.count({ where: { email: "ngo.van.moi@example.gov.vn" } })).toBe(0);
    const added = await post(await cookieFor("van.phong@example.gov.vn"));
    expect(added).toMatchObject({ notice: "Đã thêm 1 người và gửi 1 thư mời." });
    expect(await db.outboxMessage.count({ where: { kind: "invitation", toEmail: "ngo.van.moi@example.gov.vn" } })).toBe(1);
    // Someone already on the list is reported, not added twice.
    const again = await post(await cookieFor("van.phong@example.gov.vn"));
    expect(again).toMatchObject({ notice: expect.stringMatching(/Không có ai mới.*đã có trong danh sách.*ngo\.van\.moi@example\.gov\.vn/i) });
    expect(await db.recipient.count({ where: { consultationId: demoId, user: { email: "ngo.van.moi@example.gov.vn" } } })).toBe(1);
  });

  it("answers 404 for a mailbox message that does not exist", async () => {
    const r = routes.message;
    const request = new Request("http://portal.test/office/mailbox/khong-co", { headers: { Cookie: await cookieFor("van.phong@example.gov.vn") } });
    const thrown = await r.mod.loader({ request, params: { messageId: "khong-co" }, context: {} }).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(404);
  });
});
