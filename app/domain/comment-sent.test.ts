import { describe, expect, it } from "vitest";
import { sentCommentId, sentLocation } from "./comment-sent";

const id = "0b6f3c1e-8d2a-4f7b-9c1d-2e3f4a5b6c7d";

describe("sentLocation", () => {
  it("returns to the section commented on, flagged as sent", () => {
    expect(sentLocation("c1", id, "phan-iii-muc-2")).toBe(`/lay-y-kien/c1?da-gui=${id}#phan-iii-muc-2`);
  });
  it("goes to the comment itself when it is about the whole draft", () => {
    expect(sentLocation("c1", id, null)).toBe(`/lay-y-kien/c1?da-gui=${id}#y-kien-${id}`);
  });
  it("reads the flag back, and only an id", () => {
    expect(sentCommentId(new URL(`http://x/lay-y-kien/c1?da-gui=${id}`))).toBe(id);
    expect(sentCommentId(new URL("http://x/lay-y-kien/c1?da-gui=<script>"))).toBeNull();
    expect(sentCommentId(new URL("http://x/lay-y-kien/c1"))).toBeNull();
  });
});
