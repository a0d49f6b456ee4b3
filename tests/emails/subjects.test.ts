// Each email's subject names the draft once, from the consultation's title, with the deadline that
// applies; none repeats the letter's "V/v lấy ý kiến đối với dự thảo …" after its own verb.
import { describe, expect, it } from "vitest";
import { emailSubject, renderEmail, templates } from "../../emails";
import { draftName, shortDeadline } from "../../emails/subject";

const TITLE = "dự thảo Kế hoạch thực hiện Chiến lược quốc gia về Trí tuệ nhân tạo";

const expected: Record<keyof typeof templates, string> = {
  "dang-nhap": "Đăng nhập Cổng góp ý dự thảo văn bản",
  "moi-gop-y": `Mời góp ý ${TITLE} (hạn 23:59 ngày 06/12/2026)`,
  "nhac-gop-y": `Nhắc góp ý ${TITLE} (hạn 23:59 ngày 06/12/2026, còn 3 ngày)`,
  "tong-hop-sau-han": `Kết quả lấy ý kiến ${TITLE}`,
  "xac-nhan-da-nhan": `Đã nhận ý kiến của đồng chí về ${TITLE}`,
  "tra-loi-gia-han": `Đồng ý gia hạn góp ý ${TITLE}`,
  "gia-han-chung": `Gia hạn góp ý ${TITLE}`,
  "ket-qua-xu-ly": `Kết quả tiếp thu, giải trình ý kiến về ${TITLE}`,
};

describe("email subjects", () => {
  for (const [name, t] of Object.entries(templates)) {
    it(`${name}: ${expected[name as keyof typeof templates]}`, () => {
      const props = { ...(t.defaultProps as object), ...(name === "nhac-gop-y" ? { timeLeft: "còn 3 ngày" } : {}) };
      const subject = emailSubject(name, props);
      expect(subject).toBe(expected[name as keyof typeof templates]);
      expect(subject).not.toMatch(/V\/v/);
      expect(subject.match(/dự thảo/giu)?.length ?? 0).toBeLessThanOrEqual(1);
      const { text } = renderEmail(name, props);
      expect(text).not.toMatch(/dự thảo:? V\/v lấy ý kiến đối với dự thảo/u);
    });
  }

  it("a message queued before subjects carried the title still renders, with the letter's subject", () => {
    const { consultationTitle: _t, deadlineAt: _d, ...old } = templates["moi-gop-y"].defaultProps;
    expect(emailSubject("moi-gop-y", old)).toBe(`Mời góp ý V/v ${old.letterSubject}`);
  });

  it("names the draft once whether or not the title begins with Dự thảo, and writes the deadline in Vietnam time", () => {
    expect(draftName("Dự thảo Quyết định ban hành Quy chế")).toBe("dự thảo Quyết định ban hành Quy chế");
    expect(draftName("Quyết định ban hành Quy chế")).toBe("dự thảo Quyết định ban hành Quy chế");
    expect(shortDeadline("2026-12-06T16:59:59.999Z")).toBe("23:59 ngày 06/12/2026");
    expect(shortDeadline("2027-01-04T01:00:00.000Z")).toBe("08:00 ngày 04/01/2027");
  });
});
