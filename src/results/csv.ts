// A small RFC 4180 reader: quoted fields with commas, doubled quotes and line breaks; CRLF or LF; a BOM.
// Each record keeps the line number it starts on, so validation errors can name the line.

export interface CsvRecord {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is not a record.
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: startLine, fields });
    fields = [];
    field = "";
  };
  while (i < s.length) {
    const c = s[i] as string;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      endRecord();
      line++;
      startLine = line;
    } else field += c;
    i++;
  }
  if (quoted) throw new SyntaxError(`line ${startLine}: a quoted field is not closed`);
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}
