// The one CSV reader behind every import: separators as spreadsheets in Vietnam write them, the BOM,
// quoting (separators, doubled quotes, line breaks inside a field) and the physical line each record starts on.
import { describe, expect, it } from "vitest";
import { detectSeparator, readCsv } from "../src/csv.ts";

describe("CSV reader", () => {
  it("reads quoted fields, doubled quotes, CRLF, a BOM and keeps line numbers", () => {
    const recs = readCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\n');
    expect(recs).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x, y", 'say "hi"'] },
      { line: 4, fields: ["multi\nline", "2"] },
    ]);
  });

  it.each([
    ["a comma", "code,name_vi,name_en\n", ","],
    ["a semicolon (Excel in Vietnamese settings)", "code;name_vi;name_en\r\n", ";"],
    ["a tab (Excel's Unicode text)", "code\tname_vi\tname_en\n", "\t"],
    ["a semicolon after a BOM", "\uFEFFcode;name_vi\n", ";"],
    ["whichever occurs most outside quotes", '"a;b;c",x,y\n', ","],
    ["a comma when the header has one column", "code\n", ","],
  ])("the header line decides the separator: %s", (_what, header, sep) => {
    expect(detectSeparator(`${header}A;B,C\tD\n`)).toBe(sep);
  });

  it("reads a file Excel in Vietnamese settings saved: BOM, ';', CRLF, commas in values, a quoted line break", () => {
    const text = '\uFEFFcode;name_vi;value\r\nLSN-HL;UBND huyện Hữu Lũng, tỉnh Lạng Sơn;87,07\r\nX;"hai\r\ndòng; và ""trích"" dẫn";1\r\nY;sau;2\r\n';
    expect(readCsv(text)).toEqual([
      { line: 1, fields: ["code", "name_vi", "value"] },
      { line: 2, fields: ["LSN-HL", "UBND huyện Hữu Lũng, tỉnh Lạng Sơn", "87,07"] },
      { line: 3, fields: ["X", 'hai\r\ndòng; và "trích" dẫn', "1"] },
      { line: 5, fields: ["Y", "sau", "2"] },
    ]);
  });

  it("reads tab-separated text", () => {
    expect(readCsv("a\tb\n1,5\t\"x\ty\"\n")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1,5", "x\ty"] },
    ]);
  });

  it("counts a line break inside quotes in every form (LF, CRLF, a lone CR) as one line", () => {
    const recs = readCsv('a,b\n"1\n2\r\n3\r4",x\nnext,y\n');
    expect(recs.at(-1)).toEqual({ line: 6, fields: ["next", "y"] });
  });

  it("skips blank lines and rows of separators only, as Excel leaves them below the data", () => {
    expect(readCsv("a;b\n\n;\n  ;  \n1;2\n;;\n")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 5, fields: ["1", "2"] },
    ]);
  });

  it("drops spaces typed before an opening quote, keeps the last record without a final line break", () => {
    expect(readCsv('a,b\n  "x, y",z')).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x, y", "z"] },
    ]);
  });

  it("rejects an unclosed quote, naming the line it opened on", () => {
    expect(() => readCsv('a\n"b')).toThrow(/line 2/);
    expect(() => readCsv('a;b\n1;2\n3;"x\ny\n')).toThrow(/^line 3: a quoted field is not closed$/);
  });
});
