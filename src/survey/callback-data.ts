// Our compact button payloads (≤ 64 bytes for Telegram): kind letter, then fields separated by ':'.
// Anything that does not parse is treated as forged or foreign and changes nothing.
import type { Locale } from "../i18n.ts";

export type ButtonAction =
  | { kind: "answer"; runId: string; position: number; value: string }
  | { kind: "skip"; runId: string; position: number }
  | { kind: "back"; runId: string; position: number }
  | { kind: "language"; locale: Locale }
  | { kind: "agency"; agencyId: number }
  /** One level of the agency tree (parentId 0: the first level), one page of it. */
  | { kind: "agency-level"; parentId: number; page: number }
  | { kind: "delete"; confirm: boolean }
  /**
   * The complaint offered after a low score (src/complaints/citizen.ts): describe or decline (ref = the
   * survey run), stop writing or "a reply in this chat is enough" (ref = the complaint).
   */
  | { kind: "complaint"; op: ComplaintOp; ref: string };

export type ComplaintOp = "describe" | "decline" | "stop" | "chat";
const COMPLAINT_OPS: Record<string, ComplaintOp> = { d: "describe", n: "decline", x: "stop", k: "chat" };
const COMPLAINT_CODES = Object.fromEntries(Object.entries(COMPLAINT_OPS).map(([k, v]) => [v, k])) as Record<ComplaintOp, string>;

const ID = /^[A-Za-z0-9_-]{6,24}$/;
const VALUE = /^[a-z0-9_]{1,16}$/;
const INT = /^\d{1,6}$/;

export function encodeButton(a: ButtonAction): string {
  switch (a.kind) {
    case "answer":
      return `a:${a.runId}:${a.position}:${a.value}`;
    case "skip":
      return `s:${a.runId}:${a.position}`;
    case "back":
      return `b:${a.runId}:${a.position}`;
    case "language":
      return `l:${a.locale}`;
    case "agency":
      return `g:${a.agencyId}`;
    case "agency-level":
      return `gl:${a.parentId}:${a.page}`;
    case "delete":
      return `d:${a.confirm ? "y" : "n"}`;
    case "complaint":
      return `c:${COMPLAINT_CODES[a.op]}:${a.ref}`;
  }
}

export function decodeButton(data: string): ButtonAction | null {
  if (data.length > 64) return null;
  const [k, ...f] = data.split(":");
  switch (k) {
    case "a":
      return f.length === 3 && ID.test(f[0]!) && INT.test(f[1]!) && VALUE.test(f[2]!)
        ? { kind: "answer", runId: f[0]!, position: Number(f[1]), value: f[2]! }
        : null;
    case "s":
    case "b":
      return f.length === 2 && ID.test(f[0]!) && INT.test(f[1]!)
        ? { kind: k === "s" ? "skip" : "back", runId: f[0]!, position: Number(f[1]) }
        : null;
    case "l":
      return f.length === 1 && (f[0] === "vi" || f[0] === "en") ? { kind: "language", locale: f[0] } : null;
    case "g":
      return f.length === 1 && INT.test(f[0]!) ? { kind: "agency", agencyId: Number(f[0]) } : null;
    case "gl":
      return f.length === 2 && INT.test(f[0]!) && INT.test(f[1]!) ? { kind: "agency-level", parentId: Number(f[0]), page: Number(f[1]) } : null;
    case "gp":
      // A page of the flat list older messages still show: it opens the first level of the tree.
      return f.length === 1 && INT.test(f[0]!) ? { kind: "agency-level", parentId: 0, page: Number(f[0]) } : null;
    case "d":
      return f.length === 1 && (f[0] === "y" || f[0] === "n") ? { kind: "delete", confirm: f[0] === "y" } : null;
    case "c":
      return f.length === 2 && COMPLAINT_OPS[f[0]!] !== undefined && Object.hasOwn(COMPLAINT_OPS, f[0]!) && ID.test(f[1]!)
        ? { kind: "complaint", op: COMPLAINT_OPS[f[0]!]!, ref: f[1]! }
        : null;
    default:
      return null;
  }
}
