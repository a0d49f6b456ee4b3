import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_PHRASES, auditActorName, auditSentence } from "./audit-text";

// The names as app/domain/audit.ts declares them, read from its text: engineers add names there
// and this fails until each has a sentence of its own.
const source = fs.readFileSync(path.join(import.meta.dirname, "audit.ts"), "utf8");
const block = source.slice(source.indexOf("interface AuditPayloads"), source.indexOf("export type AuditEventName"));
const KNOWN = [...block.matchAll(/^\s*"([a-z_.*]+)"\s*:/gm)].map((m) => m[1]!);

describe("audit sentences", () => {
  it("reads the event names from audit.ts", () => {
    expect(KNOWN).toContain("extension.decided");
    expect(KNOWN.length).toBeGreaterThan(15);
  });

  it.each(KNOWN)("%s has a sentence of its own", (name) => {
    expect(Object.hasOwn(AUDIT_PHRASES, name)).toBe(true);
  });

  it("says who granted whom an extension until when, in Vietnam time", () => {
    const line = {
      event: "extension.decided",
      payload: { granted: true, until: "2026-12-10T16:59:00.000Z" },
      actor: { name: "Nguyễn Văn A", role: "office" },
      subject: "Sở Y tế",
    };
    expect(auditSentence(line)).toBe("Nguyễn Văn A (Văn phòng) đã gia hạn cho Sở Y tế đến 23:59 ngày 10/12/2026");
  });

  it("names the command line and the portal itself when no one is recorded", () => {
    expect(auditActorName({ event: "consultation.created", actor: null })).toBe("Dòng lệnh");
    expect(auditActorName({ event: "reminders.queued", actor: null })).toBe("Hệ thống");
  });

  it("reads an unknown event, or a payload of another shape, as a generic sentence", () => {
    expect(auditSentence({ event: "contact.merged", payload: {}, actor: null, subject: null })).toBe("Dòng lệnh đã thực hiện thao tác “contact.merged”");
    expect(auditSentence({ event: "reminders.scheduled", payload: null, actor: null, subject: null })).toMatch(/thao tác “reminders.scheduled”/);
  });
});
