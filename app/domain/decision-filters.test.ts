import { describe, expect, it } from "vitest";
import { DEFAULT_DECISION_QUERY, decisionSearch, decisionsPath, parseDecisionQuery } from "./decision-filters";

describe("the decision screen's URL", () => {
  it("reads the filters and the page", () => {
    const q = parseDecisionQuery(new URLSearchParams("phan=abc&don-vi=S%E1%BB%9F+Y+t%E1%BA%BF&tinh-trang=chua-xu-ly&trang=3"));
    expect(q).toEqual({ sectionId: "abc", organization: "Sở Y tế", state: "undecided", page: 3, saved: null });
  });

  it("reads the filter of decisions that need review", () => {
    expect(parseDecisionQuery(new URLSearchParams("tinh-trang=can-xem-lai")).state).toBe("review");
    expect(decisionSearch({ state: "review" })).toBe("?tinh-trang=can-xem-lai");
  });

  it("falls back to the whole list for anything malformed", () => {
    const q = parseDecisionQuery(new URLSearchParams("tinh-trang=xoa-het&trang=-2&phan=&don-vi=%20%20"));
    expect(q).toEqual({ ...DEFAULT_DECISION_QUERY, saved: null });
    expect(parseDecisionQuery(new URLSearchParams("trang=1.5")).page).toBe(1);
    expect(parseDecisionQuery(new URLSearchParams("trang=1e400")).page).toBe(1);
  });

  it("writes only what differs from the default, and reads back what it wrote", () => {
    expect(decisionSearch(DEFAULT_DECISION_QUERY)).toBe("");
    const q = { sectionId: "chung", organization: "Sở Tài chính & Kế hoạch", state: "decided" as const, page: 2, saved: "c1" };
    const search = decisionSearch(q);
    expect(search).toBe("?phan=chung&don-vi=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh+%26+K%E1%BA%BF+ho%E1%BA%A1ch&tinh-trang=da-xu-ly&trang=2&da-luu=c1");
    expect(parseDecisionQuery(new URLSearchParams(search))).toEqual(q);
  });

  it("normalises a decomposed organisation name to NFC", () => {
    const decomposed = "Sở Y tế".normalize("NFD");
    expect(parseDecisionQuery(new URLSearchParams({ "don-vi": decomposed })).organization).toBe("Sở Y tế");
  });

  it("has one path for the screen", () => {
    expect(decisionsPath("abc")).toBe("/office/lay-y-kien/abc/xu-ly");
  });
});
