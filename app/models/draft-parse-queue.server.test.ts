import { describe, expect, it } from "vitest";
import { oneAtATime } from "./draft-parse-queue.server";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("oneAtATime", () => {
  it("runs parses one after another in arrival order, a failure not blocking the next", async () => {
    const log: string[] = [];
    const job =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await pause(20);
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([oneAtATime(job("a")), oneAtATime(job("b", true)), oneAtATime(job("c"))]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
