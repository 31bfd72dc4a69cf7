// The one CSV reader of every import (agencies, procedures, official results, dossiers), reading files as
// spreadsheets in Vietnam write them: Excel with a Vietnamese locale separates by ';' because ',' is the
// decimal mark, "Unicode text" exports use tabs, and "CSV UTF-8" starts with a BOM. Quoted fields may hold
// separators, doubled quotes and line breaks; lines end in CRLF or LF. Each record keeps the physical line
// it starts on, so a report names the line an operator sees in an editor.

export interface CsvRecord {
  line: number;
  fields: string[];
}

export type Separator = "," | ";" | "\t";

const SEPARATORS: readonly Separator[] = [",", ";", "\t"];

/**
 * The separator the header line uses: the one that occurs most often there outside quotes. The header
 * decides because its column names never hold a separator, while a value (a name, "87,07") may.
 */
export function detectSeparator(text: string): Separator {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const c of stripBom(text)) {
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === "\n" || c === "\r") break;
    else if (counts.has(c)) counts.set(c, (counts.get(c) as number) + 1);
  }
  // On a tie (a one-column header has none of them) the comma wins: it is what the format is named for.
  return SEPARATORS.reduce((best, s) => ((counts.get(s) as number) > (counts.get(best) as number) ? s : best));
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Every record of the file; throws a SyntaxError naming the line when a quoted field is never closed. */
export function readCsv(text: string, separator: Separator = detectSeparator(text)): CsvRecord[] {
  const s = stripBom(text);
  const records: CsvRecord[] = [];
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
        if (c === "\n" || (c === "\r" && s[i + 1] !== "\n")) line++;
        field += c;
      } else if (s[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field.trim() === "") {
      // Spaces typed before an opening quote are not part of the value.
      quoted = true;
      field = "";
    } else if (c === separator) {
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
