// Hostile and malformed requests against the real server: every one gets a 4xx with a Vietnamese
// reason, quickly, and leaves the database exactly as it was. Each case here answered 500 (or
// stored garbage, or ran an action) before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORM_ERRORS } from "~/domain/form-body";
import { MALFORMED_PAGE } from "~/domain/paging";
import { rawRequest } from "../helpers/raw-http";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const OFFICIAL = "doan.thi.thu.trang@example.gov.vn";
const MB = 1024 * 1024;

let server: RunningServer;
let consultationId: string;
let official: string;
let office: string;

beforeAll(async () => {
  server = await startServer({ SCHEDULER: "off" });
  consultationId = (await server.db.get<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC LIMIT 1`))!.id;
  official = await sessionCookieFor(server, { email: OFFICIAL });
  office = await sessionCookieFor(server, { role: "office" });
  // The first visit is recorded (Recipient.firstOpenedAt); make it now, not inside a refusal's page.
  expect((await get(`/lay-y-kien/${consultationId}`, official)).status).toBe(200);
});

afterAll(async () => {
  await server?.stop();
});

/** Every row of every table, by table, in a set's order: what "nothing changed" means. */
async function snapshot(): Promise<Map<string, string>> {
  const tables = await server.db.tables();
  const rows = async (name: string) => JSON.stringify((await server.db.all(`SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)).sort());
  return new Map(await Promise.all(tables.map(async (name) => [name, await rows(name)] as const)));
}

async function unchanged<T>(act: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const result = await act();
  const after = await snapshot();
  expect(
    [...after.keys()].filter((table) => after.get(table) !== before.get(table)),
    "tables changed",
  ).toEqual([]);
  return result;
}

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
const post = (path: string, cookie: string | null, type: string, body: BodyInit) =>
  fetch(`${server.url}${path}`, { method: "POST", headers: { ...(cookie ? { cookie } : {}), "content-type": type }, body, redirect: "manual" });
const comment = (fields: Record<string, string>, type = "application/x-www-form-urlencoded") =>
  post(`/lay-y-kien/${consultationId}`, official, type, new URLSearchParams(fields).toString());
const storedComments = async () => (await server.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "Comment"`))!.n;

describe("a list's page number", () => {
  it("is refused with 400 when it is not a whole number, on the local mailbox", async () => {
    for (const page of ["Infinity", "1e308", "99999999999999999999"]) {
      const r = await get(`/office/mailbox?trang=${page}`, office);
      expect(r.status, page).toBe(400);
      expect(await r.text()).toContain(MALFORMED_PAGE);
    }
    expect((await get("/office/mailbox?trang=2", office)).status).toBe(200);
  });

  it("is refused on a consultation page with two pages of comments, which still shows its pages", async () => {
    for (let i = 0; i < 51; i++) expect((await comment({ intent: "comment", text: `Ý kiến số ${i + 1}.` })).status).toBe(303);
    const path = `/lay-y-kien/${consultationId}`;
    const pager = async (query: string) => (await (await get(`${path}${query}`, official)).text()).replaceAll("<!-- -->", "");
    expect(await pager("?trang=2")).toContain("Trang 2/2");
    expect(await pager("?trang=999")).toContain("Trang 2/2");
    const r = await get(`${path}?trang=1.01`, official);
    expect(r.status).toBe(400);
    expect(await r.text()).toContain(MALFORMED_PAGE);
  });

  it("is refused on the Office's screens too", async () => {
    for (const path of [`/office/lay-y-kien/${consultationId}`, `/office/lay-y-kien/${consultationId}/xu-ly`, `/office/lay-y-kien/${consultationId}/bao-cao`]) {
      const r = await get(`${path}?trang=1e308`, office);
      expect(r.status, path).toBe(400);
      expect(await r.text()).toContain(MALFORMED_PAGE);
    }
  });
});

describe("an email template's name", () => {
  it("finds only the templates, not what every object inherits", async () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const r = await get(`/office/mailbox/mau/${name}`, office);
      expect(r.status, name).toBe(404);
      expect(await r.text()).toContain("Không tìm thấy trang");
    }
    expect((await get("/office/mailbox/mau/moi-gop-y", office)).status).toBe(200);
  });
});

describe("an action's body that is not a form", () => {
  const brokenMultipart = '--XX\r\nContent-Disposition: form-data; name="intent"\r\n\r\nagree';
  const bodies: [string, string, string, number, string][] = [
    ["JSON", "application/json", JSON.stringify({ intent: "agree", email: "a@example.gov.vn" }), 415, FORM_ERRORS.type],
    ["plain text", "text/plain", "intent=agree", 415, FORM_ERRORS.type],
    ["broken multipart", "multipart/form-data; boundary=XX", brokenMultipart, 400, FORM_ERRORS.broken],
  ];
  const routes = () =>
    [
      ["/dang-nhap", null],
      ["/dang-nhap/xac-nhan", null],
      [`/lay-y-kien/${consultationId}`, official],
      [`/office/lay-y-kien/${consultationId}`, office],
      [`/office/lay-y-kien/${consultationId}/xu-ly`, office],
      ["/office/phien-dang-nhap", office],
    ] as const;

  for (const [what, type, body, status, message] of bodies) {
    it(`is refused when sent as ${what}, on every route with an action, changing nothing`, async () => {
      for (const [path, cookie] of routes()) {
        const r = await unchanged(() => post(path, cookie, type, body));
        expect(r.status, path).toBe(status);
        expect(await r.text(), path).toContain(message);
      }
    });
  }
});

describe("the text of a comment", () => {
  it("is stored as UTF-8 as sent", async () => {
    const r = await comment({ intent: "comment", text: "Góp-ý thử: đề nghị bổ sung." });
    expect(r.status).toBe(303);
    expect(
      (await server.db.get<{ bodyText: string }>(`SELECT "bodyText" FROM "Comment" ORDER BY "createdAt" DESC, ${server.db.insertionOrder} DESC LIMIT 1`))!
        .bodyText,
    ).toBe("Góp-ý thử: đề nghị bổ sung.");
  });

  it("is refused when the form declares another charset, rather than stored as mojibake", async () => {
    const before = await storedComments();
    const r = await unchanged(() => comment({ intent: "comment", text: "Góp-ý" }, "application/x-www-form-urlencoded; charset=iso-8859-1"));
    expect(r.status).toBe(415);
    expect(await r.text()).toContain(FORM_ERRORS.charset);
    expect(await storedComments()).toBe(before);
  });

  it("is refused when its bytes are not UTF-8, raw, percent-encoded or in a multipart form", async () => {
    const raw = Buffer.concat([Buffer.from("intent=comment&text=G"), Buffer.from([0xf3]), Buffer.from("p")]);
    const multipart = Buffer.concat([
      Buffer.from('--XX\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncomment\r\n--XX\r\nContent-Disposition: form-data; name="text"\r\n\r\nG'),
      Buffer.from([0xf3]),
      Buffer.from("p\r\n--XX--\r\n"),
    ]);
    const sent: [string, BodyInit][] = [
      ["application/x-www-form-urlencoded", raw],
      ["application/x-www-form-urlencoded", "intent=comment&text=G%F3p"],
      ["multipart/form-data; boundary=XX", multipart],
    ];
    for (const [type, body] of sent) {
      const r = await unchanged(() => post(`/lay-y-kien/${consultationId}`, official, type, body));
      expect(r.status, type).toBe(400);
      expect(await r.text()).toContain(FORM_ERRORS.encoding);
    }
  });

  it("is empty when it holds only invisible characters", async () => {
    const r = await unchanged(() => comment({ intent: "comment", text: "\u200b\u200c\u200d\u2060\ufeff \u00ad" }));
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("Nội dung góp ý không được để trống.");
  });
});

describe("methods other than GET, HEAD and POST", () => {
  it("never run a form's action", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const r = await unchanged(() =>
        fetch(`${server.url}/lay-y-kien/${consultationId}`, {
          method,
          headers: { cookie: official, "content-type": "application/x-www-form-urlencoded" },
          body: "intent=agree&note=",
        }),
      );
      expect(r.status, method).toBe(405);
      expect(r.headers.get("allow")).toBe("GET, HEAD, POST");
      expect(await r.text()).toBe("Phương thức không được hỗ trợ.");
    }
    const trace = await rawRequest(`${server.url}/lay-y-kien/${consultationId}`, { method: "TRACE", headers: { cookie: official } });
    expect(trace.status).toBe(405);
  });
});

describe("a body over its limit", () => {
  const multipart = { "content-type": "multipart/form-data; boundary=XX" };

  it("is refused at once when its declared length is too large, however slowly it comes", async () => {
    const r = await unchanged(() =>
      rawRequest(`${server.url}/dang-nhap`, { headers: { ...multipart, "content-length": String(200 * MB) }, streamBytes: 200 * MB, pauseMs: 50 }),
    );
    expect(r.status).toBe(413);
    expect(r.ms).toBeLessThan(1_000);
    expect(r.text).toBe("Nội dung gửi lên quá lớn: địa chỉ này nhận tối đa 64 KB.");
  });

  it("is cut off where it passes the limit when it comes without a length, as fast as it can", async () => {
    const r = await unchanged(() =>
      rawRequest(`${server.url}/dang-nhap`, { headers: { ...multipart, "transfer-encoding": "chunked" }, streamBytes: 200 * MB }),
    );
    expect(r.status).toBe(413);
    expect(r.ms).toBeLessThan(1_000);
  });

  it("is cut off on the comment path at its own, larger limit", async () => {
    const r = await unchanged(() =>
      rawRequest(`${server.url}/lay-y-kien/${consultationId}`, {
        headers: { cookie: official, "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
        streamBytes: 200 * MB,
      }),
    );
    expect(r.status).toBe(413);
    expect(r.ms).toBeLessThan(1_000);
    expect(r.text).toBe("Nội dung gửi lên quá lớn: địa chỉ này nhận tối đa 1 MB.");
  });

  it("is read when it is within the limit, and the server goes on serving", async () => {
    const token = "x".repeat(60 * 1024);
    const r = await unchanged(() => post("/dang-nhap/xac-nhan", null, "application/x-www-form-urlencoded", new URLSearchParams({ token }).toString()));
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("Mã hoặc liên kết đăng nhập không đúng.");
    expect((await get("/")).status).toBe(200);
  });
});
