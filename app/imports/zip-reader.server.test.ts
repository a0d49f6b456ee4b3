import { describe, expect, it } from "vitest";
import { packRepeated, zip } from "../../tests/fixtures/docx";
import { readZipEntries, readZipEntry, ZipFormatError } from "./zip-reader.server";

const MiB = 1024 * 1024;

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ZipFormatError) return error.problem;
    throw error;
  }
  return "none";
}

describe("readZipEntries and readZipEntry", () => {
  it("read back what was zipped, stored names in UTF-8 included", () => {
    const file = zip({ "word/document.xml": "<w:document/>", "tài liệu/ghi chú.txt": "Xin chào" });
    const entries = readZipEntries(file);
    expect([...entries.keys()]).toEqual(["word/document.xml", "tài liệu/ghi chú.txt"]);
    expect(readZipEntry(file, entries.get("tài liệu/ghi chú.txt")!, 100).toString("utf8")).toBe("Xin chào");
  });

  it("refuse an entry whose declared size passes the budget, before inflating it", () => {
    // Data that is not deflate at all: inflating it would fail as corrupt, so the refusal proves it was never tried.
    const file = zip({ "word/document.xml": { packed: Buffer.from("không phải dữ liệu nén"), crc: 0, size: 100 * MiB } });
    const entry = readZipEntries(file).get("word/document.xml")!;
    expect(() => readZipEntry(file, entry, 32 * MiB)).toThrow(
      expect.objectContaining({ name: "ZipSizeError", entry: "word/document.xml", size: 100 * MiB, limit: 32 * MiB, declared: true }),
    );
  });

  it("stop inflating an entry that lies about its size at the budget", async () => {
    const bomb = await packRepeated(100 * MiB, "<w:p/>");
    const file = zip({ "word/document.xml": { ...bomb, size: 1000 } });
    const entry = readZipEntries(file).get("word/document.xml")!;
    expect(() => readZipEntry(file, entry, 32 * MiB)).toThrow(expect.objectContaining({ name: "ZipSizeError", declared: false, limit: 32 * MiB }));
  });

  it("refuse an entry whose size or checksum differs from what the directory says", async () => {
    const honest = await packRepeated(10_000, "abc");
    const tooSmall = zip({ a: { ...honest, size: honest.size + 5 } });
    expect(problemOf(() => readZipEntry(tooSmall, readZipEntries(tooSmall).get("a")!, MiB))).toBe("corrupt");
    const badCrc = zip({ a: { ...honest, crc: (honest.crc + 1) >>> 0 } });
    expect(problemOf(() => readZipEntry(badCrc, readZipEntries(badCrc).get("a")!, MiB))).toBe("corrupt");
  });

  it("tell a cut-off zip from something that is not a zip at all", () => {
    const file = zip({ "word/document.xml": `<w:document>${"x".repeat(5000)}</w:document>` });
    expect(problemOf(() => readZipEntries(file.subarray(0, file.length - 10)))).toBe("truncated");
    expect(problemOf(() => readZipEntries(file.subarray(0, 40)))).toBe("truncated");
    expect(problemOf(() => readZipEntries(Buffer.from("I. MỤC ĐÍCH\nVăn bản thường.", "utf8")))).toBe("not-zip");
    expect(problemOf(() => readZipEntries(Buffer.alloc(3)))).toBe("not-zip");
  });

  it("refuse an entry whose data runs past the end of the file", () => {
    const file = zip({ a: "x".repeat(1000) });
    const entries = readZipEntries(file);
    // The directory read from the whole file, the data it points at cut off after the local header.
    const cut = file.subarray(0, 35);
    expect(problemOf(() => readZipEntry(cut, entries.get("a")!, MiB))).toBe("truncated");
  });

  it("refuse two entries with one name, since readers disagree on which one counts", () => {
    const file = zip({ "word/a.xml": "một", "word/b.xml": "hai" });
    const twice = Buffer.from(file.toString("latin1").replaceAll("word/b.xml", "word/a.xml"), "latin1");
    expect(problemOf(() => readZipEntries(twice))).toBe("corrupt");
  });
});
