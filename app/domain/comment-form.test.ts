import { describe, expect, it } from "vitest";
import { MALFORMED_COMMENT_FORM, readCommentForm } from "./comment-form";

const key = "3f1c2a9e-8d4b-4c1a-9f2e-7b6a5c4d3e2f";

describe("readCommentForm", () => {
  it("reads a passage, a section and a general comment", () => {
    expect(readCommentForm({ intent: "comment", target: "s1", start: "3", end: "9", exact: "đoạn", text: "Ý kiến", idempotencyKey: key })).toEqual({
      ok: true,
      input: { scope: "passage", sectionId: "s1", anchor: { start: 3, end: 9, exact: "đoạn" }, text: "Ý kiến", idempotencyKey: key },
    });
    expect(readCommentForm({ intent: "comment", target: "s1", text: "Ý kiến" })).toMatchObject({
      ok: true,
      input: { scope: "section", sectionId: "s1", anchor: null, idempotencyKey: null },
    });
    expect(readCommentForm({ intent: "comment", text: "Ý kiến" })).toMatchObject({ ok: true, input: { scope: "general", sectionId: null, anchor: null } });
  });

  it("takes offsets without a section as a general comment, not a passage", () => {
    expect(readCommentForm({ intent: "comment", start: "1", end: "2", text: "x" })).toMatchObject({ ok: true, input: { scope: "general", anchor: null } });
  });

  it("refuses another intent or a key that is not a UUID, in Vietnamese", () => {
    expect(readCommentForm({ intent: "agree" })).toEqual({ ok: false, error: MALFORMED_COMMENT_FORM });
    expect(readCommentForm({ intent: "comment", text: "x", idempotencyKey: "abc" })).toEqual({ ok: false, error: MALFORMED_COMMENT_FORM });
  });
});
