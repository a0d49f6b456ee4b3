import { describe, expect, it } from "vitest";
import { type DiffPart, wordDiff } from "./word-diff";

const spell = (parts: DiffPart[], side: "removed" | "added") =>
  parts
    .filter((p) => p.kind === "same" || p.kind === side)
    .map((p) => p.text)
    .join("");

describe("wordDiff", () => {
  it("shows a replaced word between the words both wordings share", () => {
    expect(wordDiff("Đề nghị bổ sung lộ trình theo từng năm.", "Đề nghị bổ sung kinh phí theo từng năm.")).toEqual([
      { kind: "same", text: "Đề nghị bổ sung " },
      { kind: "removed", text: "lộ trình" },
      { kind: "added", text: "kinh phí" },
      { kind: "same", text: " theo từng năm." },
    ]);
  });

  it("reads a phrase replaced word for word as one change, not word, space, word", () => {
    expect(wordDiff("Giữ một hai ba nhé", "Giữ bốn năm sáu nhé")).toEqual([
      { kind: "same", text: "Giữ " },
      { kind: "removed", text: "một hai ba" },
      { kind: "added", text: "bốn năm sáu" },
      { kind: "same", text: " nhé" },
    ]);
  });

  it("shows additions and removals alone", () => {
    expect(wordDiff("Cần rõ.", "Cần quy định rõ.")).toEqual([
      { kind: "same", text: "Cần " },
      { kind: "added", text: "quy định " },
      { kind: "same", text: "rõ." },
    ]);
    expect(wordDiff("Cần quy định rõ.", "Cần rõ.")).toEqual([
      { kind: "same", text: "Cần " },
      { kind: "removed", text: "quy định " },
      { kind: "same", text: "rõ." },
    ]);
  });

  it("sets punctuation apart from the word before it", () => {
    expect(wordDiff("Làm rõ đơn vị chủ trì.", "Làm rõ đơn vị chủ trì và phối hợp.")).toEqual([
      { kind: "same", text: "Làm rõ đơn vị chủ trì" },
      { kind: "added", text: " và phối hợp" },
      { kind: "same", text: "." },
    ]);
  });

  it("compares in NFC, so a decomposed copy of the same words is no change", () => {
    expect(wordDiff("Sở Y tế", "Sở Y tế".normalize("NFD"))).toEqual([{ kind: "same", text: "Sở Y tế" }]);
  });

  it("always spells the old wording from same + removed and the new one from same + added", () => {
    const cases = [
      ["a b c d e", "a x c y e"],
      ["một\nhai ba", "một hai\nbốn"],
      ["", "Góp ý mới."],
      ["Góp ý cũ.", ""],
      ["x y z", "z y x"],
    ];
    for (const [before, after] of cases) {
      const parts = wordDiff(before!, after!);
      expect(spell(parts, "removed")).toBe(before);
      expect(spell(parts, "added")).toBe(after);
    }
  });

  it("falls back to removing the whole changed middle and adding the new one when it is too long to compare", () => {
    const parts = wordDiff("Mở đầu a b c kết thúc", "Mở đầu c b a kết thúc", 4);
    expect(parts).toEqual([
      { kind: "same", text: "Mở đầu " },
      { kind: "removed", text: "a b c" },
      { kind: "added", text: "c b a" },
      { kind: "same", text: " kết thúc" },
    ]);
  });
});
