// The Office's CLI, run as a real process against a real SQLite file.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { DRAFT_LIMITS } from "~/domain/draft-limits";
import { buildDocx, docxParts, packedDocumentOf, zip } from "../fixtures/docx";
import { ROOT, runCli } from "../helpers/cli";
import { tempDir } from "../helpers/database";

const SEED = path.join(ROOT, "prisma/demo/draft-plan.md");
const dir = tempDir("portal-cli-");
const databasePath = path.join(dir, "portal.db");
const env = { DATABASE_URL: `file:${databasePath}`, APP_URL: "https://gopy.example.gov.vn" };

function count(table: string): number {
  const db = new Database(databasePath, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function writeFile(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function spec(versionId: string, patch: Record<string, unknown> = {}) {
  return {
    documentVersionId: versionId,
    title: "Dự thảo Kế hoạch thử nghiệm",
    issuingBody: "Văn phòng Ủy ban nhân dân tỉnh",
    parentBody: "Ủy ban nhân dân thành phố Cần Thơ",
    letter: {
      number: "…/VP-VX",
      place: "Cần Thơ",
      date: "2026-11-20",
      subject: "lấy ý kiến đối với dự thảo Kế hoạch thử nghiệm",
      addressees: ["- Thành viên Ủy ban nhân dân thành phố;"],
      body: "Đề nghị các đồng chí góp ý trước **ngày 06 tháng 12 năm 2026**.",
      distribution: ["Như trên;", "Lưu: VT."],
      signerTitle: "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG",
      signerName: "Nguyễn Văn Ký",
    },
    deadline: "2099-12-06T23:59:59.999+07:00",
    recipients: [
      { name: "Trần Văn A", title: "Giám đốc Sở Y tế", organization: "Sở Y tế", email: "Tran.Van.A@Example.gov.vn" },
      { name: "Lê Thị B", title: "Chánh Thanh tra", organization: "Thanh tra thành phố", email: "le.thi.b@example.gov.vn" },
    ],
    ...patch,
  };
}

let versionId = "";

describe("portal CLI", () => {
  beforeAll(async () => {
    const r = await runCli(["import", SEED], env);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    versionId = r.json().versionId;
  });

  it("imports the seed draft into its six parts and their items", async () => {
    const r = await runCli(["import", SEED, "--title", "Kế hoạch TTNT"], env);
    expect(r.status).toBe(0);
    const out = r.json();
    expect(out.documentId).toEqual(expect.any(String));
    expect(out.versionId).toEqual(expect.any(String));
    const parts = out.sections.filter((s: { level: number }) => s.level === 1);
    expect(parts.map((s: { label: string }) => s.label)).toEqual(["I.", "II.", "III.", "IV.", "V.", "VI."]);
    expect(out.sections).toContainEqual({ label: "2.", heading: expect.stringMatching(/^Xây dựng hạ tầng dữ liệu/), level: 2 });
    const db = new Database(databasePath, { readonly: true });
    const doc = db.prepare(`SELECT title FROM "Document" WHERE id = ?`).get(out.documentId) as { title: string };
    const n = db.prepare(`SELECT COUNT(*) AS n FROM "Section" WHERE versionId = ?`).get(out.versionId) as { n: number };
    db.close();
    expect(doc.title).toBe("Kế hoạch TTNT");
    expect(n.n).toBe(out.sections.length);
  });

  it("titles a draft from its heading block when no title is given", () => {
    const db = new Database(databasePath, { readonly: true });
    const row = db.prepare(`SELECT d.title FROM "Document" d JOIN "DocumentVersion" v ON v.documentId = d.id WHERE v.id = ?`).get(versionId) as {
      title: string;
    };
    db.close();
    expect(row.title).toMatch(/^Kế hoạch thực hiện Chiến lược quốc gia/);
  });

  it("imports a Word file with automatic numbering as Word shows it, its tables as tables and its letterhead", async () => {
    const r = await runCli(["import", path.join(ROOT, "tests/fixtures/word/auto-numbered.docx")], env);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = r.json();
    const db = new Database(databasePath, { readonly: true });
    const rows = db.prepare(`SELECT label, heading, content FROM "Section" WHERE versionId = ? ORDER BY position`).all(out.versionId) as {
      label: string;
      heading: string;
      content: string;
    }[];
    const version = db.prepare(`SELECT frontMatter FROM "DocumentVersion" WHERE id = ?`).get(out.versionId) as { frontMatter: string };
    db.close();
    expect(rows.map((s) => s.label)).toEqual(["I.", "1.", "a)", "b)", "2.", "II.", "1.", "III.", "1."]);
    const budget = JSON.parse(rows[6]!.content).content[0];
    expect(budget.type).toBe("table");
    // LibreOffice marks its header row by a paragraph style, not Word's "repeat as header row": plain cells.
    expect(budget.content.map((row: { content: unknown[] }) => row.content.length)).toEqual([2, 2, 2]);
    expect(JSON.stringify(budget.content[2])).toContain("1.200");
    const front = JSON.parse(version.frontMatter).content;
    expect(front[0].type).toBe("letterhead");
    expect(front[0].content.map((column: { type: string }) => column.type)).toEqual(["letterheadColumn", "letterheadColumn"]);
  });

  it("creates a consultation from a spec and lists it", async () => {
    const file = writeFile("spec.json", JSON.stringify(spec(versionId)));
    const created = await runCli(["consultation", "create", file], env);
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    const { consultationId, url } = created.json();
    expect(url).toBe(`https://gopy.example.gov.vn/lay-y-kien/${consultationId}`);

    const listed = await runCli(["consultation", "list"], env);
    expect(listed.status).toBe(0);
    expect(listed.json()).toContainEqual({
      id: consultationId,
      title: "Dự thảo Kế hoạch thử nghiệm",
      url,
      deadline: "2099-12-06T16:59:59.999Z",
      state: "open",
      stateLabel: "đang lấy ý kiến",
    });
    const db = new Database(databasePath, { readonly: true });
    const emails = db
      .prepare(`SELECT u.email FROM "Recipient" r JOIN "User" u ON u.id = r.userId WHERE r.consultationId = ? ORDER BY r.position`)
      .all(consultationId);
    db.close();
    expect(emails).toEqual([{ email: "tran.van.a@example.gov.vn" }, { email: "le.thi.b@example.gov.vn" }]);
  });

  it("prints a one-time sign-in link for the IT staff, and refuses an unknown address", async () => {
    const r = await runCli(["login-link", "Tran.Van.A@example.gov.vn"], env);
    expect(r.status).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({ email: "tran.van.a@example.gov.vn", validMinutes: 60 });
    expect(out.link).toMatch(/^https:\/\/gopy\.example\.gov\.vn\/dang-nhap\/xac-nhan\?token=[A-Za-z0-9_-]{43}$/);
    const unknown = await runCli(["login-link", "khong.co@example.gov.vn"], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Không có tài khoản nào dùng địa chỉ khong\.co@example\.gov\.vn/);
  });

  it("sweeps as of a given instant: a dry run says what would go, a real one sends it to the local mailbox", async () => {
    const mailbox = path.join(dir, "mailbox");
    const sweepEnv = { ...env, MAILBOX_DIR: mailbox };
    // The consultation created above closes 2099-12-06; its 1-day slot is 2099-12-05 08:00 Vietnam time.
    const at = "2099-12-05T09:00:00+07:00";
    const dry = await runCli(["sweep", "--now", at, "--dry-run"], sweepEnv);
    expect(dry.stderr).toBe("");
    const planned = dry.json();
    expect(planned.dryRun).toBe(true);
    expect(planned.reminders.map((r: { email: string }) => r.email).sort()).toEqual(["le.thi.b@example.gov.vn", "tran.van.a@example.gov.vn"]);
    expect(planned.reminders.every((r: { slot: string }) => r.slot === "2099-12-05T01:00:00.000Z")).toBe(true);
    expect(fs.existsSync(mailbox)).toBe(false);

    const real = (await runCli(["sweep", "--now", at], sweepEnv)).json();
    expect(real.reminders).toHaveLength(2);
    expect(real.delivery.via).toBe("local");
    // The invitations queued at creation go out in the same pass.
    expect(real.delivery.sent.filter((k: string) => k.startsWith("reminder:"))).toHaveLength(2);
    expect(fs.readdirSync(mailbox).filter((f) => f.endsWith(".eml")).length).toBe(real.delivery.sent.length);

    const again = (await runCli(["sweep", "--now", at], sweepEnv)).json();
    expect(again.reminders).toEqual([]);
  });

  // After the sweep above: these recipients would otherwise be reminded in it too.
  it("publishes a consultation saved unpublished, once, and refuses one without recipients", async () => {
    const created = (await runCli(["consultation", "create", writeFile("chua-cong-bo.json", JSON.stringify(spec(versionId, { publish: false })))], env)).json();
    const invitations = () => {
      const db = new Database(databasePath, { readonly: true });
      const n = (
        db.prepare(`SELECT count(*) AS n FROM "OutboxMessage" WHERE "consultationId" = ? AND kind = 'invitation'`).get(created.consultationId) as { n: number }
      ).n;
      db.close();
      return n;
    };
    expect(invitations()).toBe(0);
    const published = await runCli(["consultation", "publish", created.consultationId], env);
    expect(published.stderr).toBe("");
    expect(published.json()).toEqual({ consultationId: created.consultationId, invited: 2, scheduled: false, alreadyPublished: false });
    const again = await runCli(["consultation", "publish", created.consultationId], env);
    expect(again.json()).toMatchObject({ invited: 0, alreadyPublished: true });
    expect(invitations()).toBe(2);
    const empty = (
      await runCli(["consultation", "create", writeFile("khong-nguoi.json", JSON.stringify(spec(versionId, { publish: false, recipients: [] })))], env)
    ).json();
    const refused = await runCli(["consultation", "publish", empty.consultationId], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Lỗi: Chưa có người nhận nào");
  }, 180_000);

  it("refuses a sweep instant that is not an ISO instant", async () => {
    const r = await runCli(["sweep", "--now", "hôm qua"], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--now phải là một thời điểm ISO 8601/);
  });

  it("lists every command in --help", async () => {
    const r = await runCli(["--help"], env);
    expect(r.status).toBe(0);
    for (const cmd of [
      "import <tệp>",
      "consultation create <spec.json>",
      "consultation publish <mã đợt>",
      "consultation list",
      "login-link <email>",
      "sweep [--now",
    ])
      expect(r.stdout).toContain(cmd);
  });

  describe("bad input is refused in Vietnamese and writes nothing", () => {
    const cases: [string, () => string[], RegExp][] = [
      ["a missing file", () => ["import", path.join(dir, "khong-co.txt")], /Không tìm thấy hoặc không đọc được tệp/],
      ["an empty file", () => ["import", writeFile("rong.txt", "  \n\n")], /Tệp rỗng/],
      [
        "a binary that is not a .docx",
        () => ["import", writeFile("hong.docx", Buffer.from([0, 1, 2, 3, 255, 254, 0, 9]))],
        /không phải tệp Word \.docx hợp lệ/,
      ],
      [
        "a zip named .docx that is not a Word file",
        () => ["import", writeFile("nen.docx", zip({ "ghi-chu.txt": "xin chào" }))],
        /không phải tệp Word \.docx hợp lệ/,
      ],
      ["an unknown extension", () => ["import", writeFile("du-thao.pdf", "%PDF-1.4")], /Định dạng tệp không được hỗ trợ/],
      ["a file with no structure", () => ["import", writeFile("thu.txt", "Kính gửi anh chị.\n\nXin cảm ơn.")], /Không nhận ra cấu trúc/],
      ["an unknown command", () => ["xoa-het"], /Lệnh không hợp lệ/],
      ["a spec that is not JSON", () => ["consultation", "create", writeFile("hong.json", "{ title: ")], /không phải JSON hợp lệ/],
      [
        "a spec with a bad email",
        () => [
          "consultation",
          "create",
          writeFile("email.json", JSON.stringify(spec(versionId, { recipients: [{ name: "A", title: "B", organization: "C", email: "khong-phai-email" }] }))),
        ],
        /Người nhận thứ 1, email \(email\): địa chỉ email không hợp lệ/,
      ],
      [
        "a spec with a deadline in the past",
        () => ["consultation", "create", writeFile("qua-han.json", JSON.stringify(spec(versionId, { deadline: "2021-09-30T23:59:59+07:00" })))],
        /Hạn góp ý \(deadline\) đã qua/,
      ],
      [
        "a spec for a draft that does not exist",
        () => ["consultation", "create", writeFile("khong-du-thao.json", JSON.stringify(spec("khong-co-ma-nay")))],
        /Không tìm thấy phiên bản dự thảo/,
      ],
      [
        "a spec with a duplicated recipient",
        () => [
          "consultation",
          "create",
          writeFile("trung.json", JSON.stringify(spec(versionId, { recipients: [spec(versionId).recipients[0], spec(versionId).recipients[0]] }))),
        ],
        /Người nhận thứ 2, email tran\.van\.a@example\.gov\.vn bị trùng với người nhận thứ 1/,
      ],
      [
        "a spec with fields missing",
        () => ["consultation", "create", writeFile("thieu.json", JSON.stringify({ title: "x" }))],
        /Cơ quan gửi xin ý kiến \(issuingBody\): bắt buộc, nhưng chưa có/,
      ],
    ];
    for (const [name, args, message] of cases) {
      it(`refuses ${name}`, async () => {
        const before = ["Document", "Section", "Consultation", "Recipient", "User", "AuditEvent"].map(count);
        const r = await runCli(args(), env);
        expect(r.status).not.toBe(0);
        expect(r.stdout).toBe("");
        expect(r.stderr).toMatch(message);
        expect(r.stderr.normalize("NFC")).toBe(r.stderr);
        expect(["Document", "Section", "Consultation", "Recipient", "User", "AuditEvent"].map(count)).toEqual(before);
      });
    }
  });

  describe("hostile draft files are refused in Vietnamese, within bounded memory, and write nothing", () => {
    const MiB = 1024 * 1024;
    const TABLES = ["Document", "DocumentVersion", "Section", "AuditEvent"];
    // A line that never ends a sentence: the page-break repair joins them all into one paragraph.
    const LINE = "các sở ban ngành tổ chức triển khai thực hiện nhiệm vụ được giao bảo đảm tiến độ chất lượng\n";

    /** Written a megabyte at a time, so the test never holds the whole text. */
    function writeLines(name: string, bytes: number): string {
      const file = path.join(dir, name);
      const chunk = Buffer.from(LINE.repeat(Math.ceil(MiB / Buffer.byteLength(LINE))), "utf8");
      const fd = fs.openSync(file, "w");
      try {
        fs.writeSync(fd, "I. PHẦN MỘT\n");
        for (let written = 0; written < bytes; written += chunk.length) fs.writeSync(fd, chunk);
      } finally {
        fs.closeSync(fd);
      }
      return file;
    }

    const cases: [string, () => Promise<string>, RegExp][] = [
      [
        "a 360 KB .docx whose body unpacks to 100 MB",
        async () => writeFile("bom.docx", zip(docxParts(await packedDocumentOf(100 * MiB)))),
        /«bom\.docx» không nhập được: phần word\/document\.xml khi giải nén có dung lượng 100 MB, vượt giới hạn 20 MB cho phần văn bản \(XML\)/,
      ],
      [
        "a .docx that declares a small body and unpacks to 100 MB",
        async () => writeFile("bom-gia.docx", zip(docxParts({ ...(await packedDocumentOf(100 * MiB)), size: 4096 }))),
        /phần word\/document\.xml khi giải nén có dung lượng hơn 20 MB, cộng với các phần đã đọc trước thì vượt giới hạn 20 MB/,
      ],
      ["a 50 MB .txt", async () => writeLines("rat-lon.txt", 50 * MiB), /«rat-lon\.txt» có dung lượng 50 MB, vượt giới hạn 10 MB cho một tệp \.txt, \.md/],
      [
        "a .txt with one section over the section limit",
        async () => writeLines("mot-muc.txt", DRAFT_LIMITS.sectionChars + 1000),
        /Phần, mục «I\. PHẦN MỘT» dài [\d.]+ ký tự, vượt giới hạn 500\.000 ký tự cho một phần, mục/,
      ],
      [
        "a truncated .docx",
        async () => {
          const whole = buildDocx([{ text: "I. MỤC ĐÍCH" }, { text: "Nội dung của dự thảo." }]);
          return writeFile("cat-cut.docx", whole.subarray(0, Math.floor(whole.length * 0.6)));
        },
        /«cat-cut\.docx» không đầy đủ: tệp Word bị cắt cụt/,
      ],
      [
        "a text file named .docx",
        async () => writeFile("van-ban.docx", "I. MỤC ĐÍCH\nĐây là văn bản, không phải tệp Word."),
        /«van-ban\.docx» không phải tệp Word \.docx hợp lệ/,
      ],
    ];
    for (const [name, make, message] of cases) {
      it(`refuses ${name}`, async () => {
        const file = await make();
        const before = TABLES.map(count);
        const r = await runCli(["import", file], env, { measureMemory: true });
        fs.rmSync(file);
        expect(r.stderr).toMatch(message);
        expect(r.status).toBe(1);
        expect(r.stdout).toBe("");
        expect(r.stderr.normalize("NFC")).toBe(r.stderr);
        // The CLI alone (Node, tsx, the modules) peaks near 120 MiB here; the 100 MB bomb used to
        // take 4.4 GB and then crash, the 50 MB text 1.9 GB.
        expect(r.maxRssMiB).not.toBeNull();
        expect(r.maxRssMiB!).toBeLessThan(200);
        expect(TABLES.map(count)).toEqual(before);
      }, 60_000);
    }
  });
});
