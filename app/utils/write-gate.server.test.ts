import { describe, expect, it } from "vitest";
import { DatabaseBusyError, isDatabaseBusy, isSqliteBusy, retryWhileBusy, WriteGate } from "./write-gate.server";

const busy = (code = "SQLITE_BUSY") => Object.assign(new Error("database is locked"), { code });

describe("the write gate", () => {
  it("lets writers in one at a time, in the order they came", async () => {
    const gate = new WriteGate();
    const order: string[] = [];
    const first = await gate.acquire(1_000);
    const later = ["b", "c", "d"].map(async (name) => {
      const release = await gate.acquire(1_000);
      order.push(name);
      return release;
    });
    order.push("a");
    first();
    for (const p of later) (await p)();
    expect(order).toEqual(["a", "b", "c", "d"]);
  });

  it("gives up on a writer that waited past its limit, and the next one still gets in", async () => {
    const gate = new WriteGate();
    const held = await gate.acquire(1_000);
    await expect(gate.acquire(30)).rejects.toBeInstanceOf(DatabaseBusyError);
    const next = gate.acquire(1_000);
    held();
    (await next)();
    await expect(gate.run(() => "free", 10)).resolves.toBe("free");
  });

  it("releases the gate when the work inside fails", async () => {
    const gate = new WriteGate();
    await expect(gate.run(() => Promise.reject(new Error("x")))).rejects.toThrow("x");
    await expect(gate.run(() => 1, 10)).resolves.toBe(1);
  });
});

describe("retrying while another process writes", () => {
  it("retries busy attempts and returns the first success", async () => {
    let tries = 0;
    const value = await retryWhileBusy(() => {
      if (++tries < 4) throw busy(tries === 2 ? "SQLITE_BUSY_SNAPSHOT" : "SQLITE_BUSY");
      return "written";
    }, Date.now() + 1_000);
    expect([value, tries]).toEqual(["written", 4]);
  });

  it("stops at the deadline with the Vietnamese busy error, and never retries other errors", async () => {
    const error = await retryWhileBusy(() => {
      throw busy();
    }, Date.now() + 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect((error as Error).message).toMatch(/Vui lòng gửi lại sau ít giây/);
    let tries = 0;
    const unique = () => {
      tries++;
      return Promise.reject(Object.assign(new Error("UNIQUE"), { code: "SQLITE_CONSTRAINT_UNIQUE" }));
    };
    await expect(retryWhileBusy(unique, Date.now() + 1_000)).rejects.toThrow("UNIQUE");
    expect(tries).toBe(1);
  });

  it("recognises busy errors as Prisma's adapter wraps them, and the portal's error however wrapped", () => {
    expect(isSqliteBusy({ cause: { originalCode: "SQLITE_BUSY" } })).toBe(true);
    expect(isSqliteBusy(busy("SQLITE_CONSTRAINT"))).toBe(false);
    expect(isDatabaseBusy(new Error("outer", { cause: new DatabaseBusyError() }))).toBe(true);
    expect(isDatabaseBusy(new Error(`Invalid \`prisma.user.update()\` invocation:\n\n${new DatabaseBusyError().message}`))).toBe(true);
    expect(isDatabaseBusy(new Error("other"))).toBe(false);
  });
});
