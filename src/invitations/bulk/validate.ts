// Checks every item of a bulk import in memory before the database is touched: the same zod payload as
// POST /api/v1/dossiers, plus what only a whole batch can tell (a dossier code given twice).
import { dossierPayload, type DossierPayload } from "../dossier-payload.ts";

/** One item of a batch: `ref` is how the report names it (a file line, or an index in the API body). */
export interface BulkItem {
  ref: number;
  input: unknown;
  /** Problems the reader found before the payload existed (an unreadable date); their fields are left out of `input`. */
  preErrors?: FieldError[];
}

export interface FieldError {
  /** The payload path (e.g. "contact.phone"), or "(item)" when the item as a whole is wrong. */
  field: string;
  reason: string;
}

export type CheckedItem = { ref: number; ok: true; payload: DossierPayload } | { ref: number; ok: false; dossierCode?: string; errors: FieldError[] };

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const k of path) v = typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** zod's default "expected string, received undefined" reads badly in a per-row report. */
function reasonOf(input: unknown, issue: { code: string; path: PropertyKey[]; message: string }): string {
  if (issue.code === "invalid_type" && valueAt(input, issue.path) === undefined) return "is required";
  return issue.message;
}

function codeOf(input: unknown): string | undefined {
  const v = valueAt(input, ["dossierCode"]);
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

/** Every item checked; a dossier code repeated in the batch is an error on each later item (the first one stands). */
export function checkItems(items: BulkItem[], refName: (ref: number) => string): CheckedItem[] {
  const firstRef = new Map<string, number>();
  return items.map((item): CheckedItem => {
    const parsed = dossierPayload.safeParse(item.input);
    const pre = item.preErrors ?? [];
    const issues = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ field: i.path.map(String).join(".") || "(item)", reason: reasonOf(item.input, i) }));
    const errors: FieldError[] = [...pre, ...issues.filter((i) => !pre.some((p) => p.field === i.field))];
    const code = parsed.success ? parsed.data.dossierCode : codeOf(item.input);
    if (code !== undefined) {
      const earlier = firstRef.get(code);
      if (earlier !== undefined) errors.push({ field: "dossierCode", reason: `dossier code "${code}" is already on ${refName(earlier)}` });
      else firstRef.set(code, item.ref);
    }
    if (parsed.success && errors.length === 0) return { ref: item.ref, ok: true, payload: parsed.data };
    return { ref: item.ref, ok: false, ...(code !== undefined ? { dossierCode: code } : {}), errors };
  });
}
