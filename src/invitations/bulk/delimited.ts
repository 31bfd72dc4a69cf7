// Reads CSV as spreadsheets in Vietnam write it: comma or semicolon (Excel with a Vietnamese locale uses ';'
// because ',' is the decimal mark), quoted fields with separators, doubled quotes and line breaks, CRLF or
// LF, an optional UTF-8 BOM. Each record keeps the line it starts on, for `file:line:` reports.

export interface DelimitedRecord {
  line: number;
  fields: string[];
}

/** The separator the header line uses: whichever of ';' and ',' occurs more often outside quotes. */
export function detectSeparator(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === "\n" || c === "\r") break;
    else if (c === ",") commas++;
    else if (c === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseDelimited(text: string, sep: "," | ";"): DelimitedRecord[] {
  const s = stripBom(text);
  const records: DelimitedRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endRecord = () => {
    fields.push(field);
    // A blank line (or one of separators only, as Excel leaves below the data) is not a record.
    if (fields.some((f) => f.trim() !== "")) records.push({ line: startLine, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quoted) {
      if (c !== '"') {
        if (c === "\n") line++;
        field += c;
      } else if (s[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (c === sep) {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      endRecord();
      line++;
      startLine = line;
    } else field += c;
  }
  if (quoted) throw new SyntaxError(`line ${startLine}: a quoted field is not closed`);
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}
