import { describe, expect, it } from "vitest";
import { commentAuthorLine } from "./comment-author";

describe("commentAuthorLine", () => {
  it("names the official and their organisation", () => {
    expect(commentAuthorLine({ name: "Nguyễn Văn A", organization: "Sở Tài chính" }, false)).toBe("Nguyễn Văn A — Sở Tài chính");
  });
  it("keeps the name on the viewer's own comment and says it is theirs", () => {
    expect(commentAuthorLine({ name: "Nguyễn Văn A", organization: "Sở Tài chính" }, true)).toBe("Nguyễn Văn A — Sở Tài chính (ý kiến của đồng chí)");
  });
  it("is the name alone for an author with no organisation (a public comment)", () => {
    expect(commentAuthorLine({ name: "Trần Thị B", organization: null }, false)).toBe("Trần Thị B");
  });
});
