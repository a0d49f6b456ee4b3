import { describe, expect, it } from "vitest";
import { authorize, CONSOLE_ACTOR } from "./actor";

const person = (role: "office" | "recipient" | "public") => ({ userId: "u1", role, email: "a@b.vn", name: "A" });

describe("authorize", () => {
  it("lets the Office and its command line manage, and no one else", () => {
    expect(authorize(person("office"), "office.manage")).toBeNull();
    expect(authorize(CONSOLE_ACTOR, "office.manage")).toBeNull();
    expect(authorize(person("recipient"), "office.manage")?.status).toBe(403);
    expect(authorize(null, "office.manage")?.error).toMatch(/Văn phòng/);
  });

  it("refuses the public an answer, whoever they claim to be", () => {
    expect(authorize(person("public"), "recipient.respond")?.status).toBe(403);
    expect(authorize(person("recipient"), "recipient.respond")).toBeNull();
  });
});
