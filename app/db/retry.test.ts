import { describe, expect, it } from "vitest";
import { DatabaseBusyError } from "~/utils/write-gate.server";
import { isRetryable, isUniqueViolation, retryTransaction } from "./retry";

const pgError = (code: string) => Object.assign(new Error("pg"), { code });
const prismaRaw = (code: string) => Object.assign(new Error("Raw query failed"), { code: "P2010", meta: { code } });
const prismaAdapter = (code: string, originalCode: string) =>
  Object.assign(new Error("prisma"), { code, meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode } } } });

describe("which PostgreSQL failures run a transaction again", () => {
  it("knows a conflict however it is wrapped", () => {
    expect(isRetryable(pgError("40001"))).toBe(true);
    expect(isRetryable(pgError("40P01"))).toBe(true);
    expect(isRetryable(prismaRaw("40001"))).toBe(true);
    expect(isRetryable(Object.assign(new Error("p"), { code: "P2034" }))).toBe(true);
    expect(isRetryable(prismaAdapter("P2010", "40P01"))).toBe(true);
    expect(isRetryable(new Error("x", { cause: pgError("40001") }))).toBe(true);
    expect(isRetryable(pgError("23503"))).toBe(false);
    expect(isRetryable(new Error("plain"))).toBe(false);
    expect(isUniqueViolation(prismaAdapter("P2002", "23505"))).toBe(true);
    expect(isUniqueViolation(pgError("23505"))).toBe(true);
    expect(isUniqueViolation(pgError("40001"))).toBe(false);
  });

  it("runs again after a conflict, and after a duplicate key only a few times before giving the error as it is", async () => {
    let n = 0;
    expect(await retryTransaction(async () => (++n < 4 ? Promise.reject(pgError("40001")) : "xong"), 5_000)).toBe("xong");
    let tries = 0;
    const duplicate = prismaAdapter("P2002", "23505");
    const failing = () => {
      tries++;
      return Promise.reject(duplicate);
    };
    await expect(retryTransaction(failing, 5_000)).rejects.toBe(duplicate);
    expect(tries).toBe(10);
    await expect(retryTransaction(() => Promise.reject(pgError("40001")), 50)).rejects.toBeInstanceOf(DatabaseBusyError);
    await expect(retryTransaction(() => Promise.reject(pgError("42P01")), 5_000)).rejects.toMatchObject({ code: "42P01" });
  });
});
