import { describe, expect, it } from "vitest";
import { checkFields, FORM_ERRORS, formKind, readUrlencoded } from "./form-body";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("the kind of form a request sends", () => {
  it("takes urlencoded and multipart forms, in UTF-8 or with no charset", () => {
    expect(formKind("application/x-www-form-urlencoded")).toEqual({ ok: true, kind: "urlencoded" });
    expect(formKind("Application/X-WWW-Form-Urlencoded; charset=UTF-8")).toEqual({ ok: true, kind: "urlencoded" });
    expect(formKind('multipart/form-data; boundary=abc; charset="utf8"')).toEqual({ ok: true, kind: "multipart" });
  });

  it("refuses JSON, plain text, no type at all, and other charsets", () => {
    for (const type of ["application/json", "text/plain", null, "", "application/x-www-form-urlencodedx", "constructor"]) {
      expect(formKind(type)).toEqual({ ok: false, status: 415, error: FORM_ERRORS.type });
    }
    expect(formKind("application/x-www-form-urlencoded; charset=iso-8859-1")).toEqual({ ok: false, status: 415, error: FORM_ERRORS.charset });
  });
});

describe("an urlencoded body", () => {
  it("is read as UTF-8, raw or percent-encoded", () => {
    expect(readUrlencoded(bytes("text=Góp-ý&x=1"))).toMatchObject({ ok: true, fields: { text: "Góp-ý", x: "1" } });
    expect(readUrlencoded(bytes("text=G%C3%B3p-%C3%BD"))).toMatchObject({ ok: true, fields: { text: "Góp-ý" } });
  });

  it("keeps every value of a repeated name in its entries, the last in its fields", () => {
    expect(readUrlencoded(bytes("id=a&id=b"))).toEqual({
      ok: true,
      fields: { id: "b" },
      entries: [
        ["id", "a"],
        ["id", "b"],
      ],
    });
  });

  it("loses its zero characters, raw or escaped, and keeps the rest", () => {
    expect(readUrlencoded(bytes("text=G%C3%B3p%00-%00%C3%BD&x%00=1"))).toMatchObject({ ok: true, fields: { text: "Góp-ý", x: "1" } });
    expect(readUrlencoded(Uint8Array.from([...bytes("text=a"), 0, ...bytes("b")]))).toMatchObject({ ok: true, fields: { text: "ab" } });
  });

  it("is refused when its bytes or its escapes are not UTF-8", () => {
    expect(readUrlencoded(Uint8Array.from([...bytes("text=G"), 0xf3, ...bytes("p")]))).toMatchObject({ ok: false, status: 400 });
    expect(readUrlencoded(bytes("text=G%F3p"))).toMatchObject({ ok: false, status: 400, error: FORM_ERRORS.encoding });
  });
});

describe("a form's fields", () => {
  it("are refused when one is a file", () => {
    expect(checkFields([["text", new Blob(["x"])]])).toMatchObject({ ok: false, error: FORM_ERRORS.file });
  });
});
