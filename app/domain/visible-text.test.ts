import { describe, expect, it } from "vitest";
import { isBlankText } from "./visible-text";

describe("blank text", () => {
  it("is white space and invisible characters only", () => {
    expect(isBlankText("")).toBe(true);
    expect(isBlankText(" \n\t\u00a0\u3000")).toBe(true);
    expect(isBlankText("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u202e\u180e")).toBe(true);
  });

  it("is not text with one visible letter, even a combining one", () => {
    expect(isBlankText("\u200bý\u200b")).toBe(false);
    expect(isBlankText("y\u0301")).toBe(false);
    expect(isBlankText("-")).toBe(false);
  });
});
