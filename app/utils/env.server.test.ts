import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseDatabaseUrl, parseTrustProxy, withoutPassword } from "./env.server";

describe("TRUST_PROXY", () => {
  it("takes what Express's trust proxy setting takes", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("TRUE")).toBe(true);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("loopback")).toEqual(["loopback"]);
    expect(parseTrustProxy("loopback, 10.0.0.0/8, fd00::/8, 192.168.1.5")).toEqual(["loopback", "10.0.0.0/8", "fd00::/8", "192.168.1.5"]);
  });

  it("refuses what would stop Express at start-up with an English stack trace", () => {
    for (const value of ["yes", "mọi proxy", "10.0.0.0/33", "10.0.0.1/8/8", "1.5", "300.1.1.1", "loopback,"]) {
      expect(parseTrustProxy(value), value).toBeNull();
    }
  });
});

describe("DATABASE_URL", () => {
  it("takes a SQLite file or a PostgreSQL address", () => {
    expect(parseDatabaseUrl("file:./data/portal.db")).toEqual({ kind: "sqlite", path: path.resolve("data/portal.db") });
    expect(parseDatabaseUrl("postgresql://portal:bí-mật@db.internal:5432/portal")).toEqual({
      kind: "postgresql",
      url: "postgresql://portal:bí-mật@db.internal:5432/portal",
    });
    expect(parseDatabaseUrl("postgres://portal@10.0.0.5/gop_y?sslmode=require")).toMatchObject({ kind: "postgresql" });
  });

  it("says in Vietnamese what is wrong with anything else", () => {
    for (const url of ["mysql://x@y/z", "portal.db", "file:", "postgresql://", "postgresql://db.internal:5432", "postgresql://db.internal:5432/"]) {
      const result = parseDatabaseUrl(url);
      expect(result, url).toHaveProperty("error");
      expect((result as { error: string }).error, url).toMatch(/file:đường\/dẫn\.db|thiếu/);
    }
  });

  it("prints a PostgreSQL address without its password", () => {
    expect(withoutPassword("postgresql://portal:bí-mật@db.internal:5432/portal")).toBe("postgresql://portal:***@db.internal:5432/portal");
    expect(withoutPassword("postgresql://portal@db.internal/portal")).toBe("postgresql://portal@db.internal/portal");
  });

  describe("at start-up", () => {
    const saved = { DATABASE_URL: process.env.DATABASE_URL };
    afterEach(() => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    const freshEnv = async () => {
      vi.resetModules();
      return (await import("./env.server")).getEnv;
    };

    it("takes a PostgreSQL address as it is, and labels it without its password", async () => {
      process.env.DATABASE_URL = "postgresql://portal:bí-mật@db.internal:5432/portal";
      const env = (await freshEnv())();
      expect(env.database).toEqual({ kind: "postgresql", url: "postgresql://portal:bí-mật@db.internal:5432/portal" });
      expect(env.databaseLabel).not.toContain("bí-mật");
    });

    it("names DATABASE_URL when it is neither", async () => {
      process.env.DATABASE_URL = "mysql://x@y/z";
      expect(await freshEnv()).toThrow(/DATABASE_URL: phải là file:đường\/dẫn\.db \(SQLite\) hoặc postgresql:\/\//);
    });

    it("keeps 10 PostgreSQL connections a process unless DATABASE_POOL_SIZE says otherwise, and refuses 0", async () => {
      const saved = process.env.DATABASE_POOL_SIZE;
      try {
        delete process.env.DATABASE_POOL_SIZE;
        expect((await freshEnv())().DATABASE_POOL_SIZE).toBe(10);
        process.env.DATABASE_POOL_SIZE = "4";
        expect((await freshEnv())().DATABASE_POOL_SIZE).toBe(4);
        process.env.DATABASE_POOL_SIZE = "0";
        expect(await freshEnv()).toThrow(/DATABASE_POOL_SIZE: tối thiểu 1 kết nối/);
      } finally {
        if (saved === undefined) delete process.env.DATABASE_POOL_SIZE;
        else process.env.DATABASE_POOL_SIZE = saved;
      }
    });
  });
});
