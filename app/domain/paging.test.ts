import { describe, expect, it } from "vitest";
import { clampPage, parsePage } from "./paging";

describe("a list's page number", () => {
  it("reads a positive whole number, and the first page when none is given", () => {
    expect(parsePage("3")).toBe(3);
    expect(parsePage("007")).toBe(7);
    expect(parsePage(null)).toBe(1);
    expect(parsePage("")).toBe(1);
  });

  it("refuses what is not a positive whole number of at most nine digits", () => {
    for (const value of ["Infinity", "1e308", "99999999999999999999", "1.01", "0", "-1", " 2", "2 ", "0x10", "abc", "١٢"]) {
      expect(parsePage(value), value).toBeNull();
    }
  });

  it("shows the last page for a number past it", () => {
    expect(clampPage(999_999_999, 2)).toBe(2);
    expect(clampPage(1, 0)).toBe(1);
  });
});
