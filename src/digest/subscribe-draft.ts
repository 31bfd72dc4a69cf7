// The /subscribe dialogue as data: a draft kept in the member's `pending` while they tap through three steps
// (agencies, language, frequency) and a confirmation. Each button carries the draft's nonce (see
// subscribe-buttons.ts), so a button of an earlier or abandoned dialogue is recognised as stale. Pure.
import type { DigestFrequency } from "../store/subscriptions.ts";
import type { Locale } from "../i18n.ts";

export const FEATURE = "digest";
/** Agencies shown per page of the picker (plus three rows of controls: a phone screen). */
export const PAGE_SIZE = 8;

export type Step = "agencies" | "languages" | "frequency" | "confirm";

// A type (not an interface) so that it fits StaffMember["pending"], whose keys are open.
export type Draft = {
  feature: typeof FEATURE;
  nonce: string;
  step: Step;
  /** The agency codes offered, in picker order (the member's scope when the dialogue began). */
  options: string[];
  picked: string[];
  /** Everything in the member's scope (the subscription then stores no codes). */
  all: boolean;
  page: number;
  languages: Locale[];
  frequency: DigestFrequency;
  /** The member tried to continue without choosing: the picker says what is missing. */
  needAgency?: boolean;
};

export type Action =
  | { kind: "all" }
  | { kind: "toggle"; index: number }
  | { kind: "page"; page: number }
  | { kind: "next" }
  | { kind: "back" }
  | { kind: "language"; languages: Locale[] }
  | { kind: "frequency"; frequency: DigestFrequency }
  | { kind: "confirm" }
  | { kind: "cancel" };

export type Outcome = { kind: "draft"; draft: Draft } | { kind: "save"; draft: Draft } | { kind: "cancel" } | { kind: "stale" };

export function pages(d: Draft): number {
  return Math.max(1, Math.ceil(d.options.length / PAGE_SIZE));
}

export function isDraft(p: unknown): p is Draft {
  const d = p as Partial<Draft> | null;
  return (
    !!d &&
    d.feature === FEATURE &&
    typeof d.nonce === "string" &&
    Array.isArray(d.options) &&
    Array.isArray(d.picked) &&
    Array.isArray(d.languages) &&
    (d.frequency === "weekly" || d.frequency === "monthly") &&
    ["agencies", "languages", "frequency", "confirm"].includes(d.step as string)
  );
}

const PREVIOUS: Record<Step, Step> = { agencies: "agencies", languages: "agencies", frequency: "languages", confirm: "frequency" };

/** Applies a tap to the draft. Actions that do not belong to the current step are stale (an older message). */
export function apply(d: Draft, a: Action): Outcome {
  const at = (step: Step, patch: Partial<Draft> = {}): Outcome => ({ kind: "draft", draft: { ...d, needAgency: false, ...patch, step } });
  if (a.kind === "cancel") return { kind: "cancel" };
  if (a.kind === "back") return d.step === "agencies" ? { kind: "stale" } : at(PREVIOUS[d.step]);
  switch (d.step) {
    case "agencies":
      if (a.kind === "all") return at("agencies", { all: !d.all, picked: [] });
      if (a.kind === "toggle") {
        const code = d.options[a.index];
        if (code === undefined) return { kind: "stale" };
        const picked = d.picked.includes(code) ? d.picked.filter((c) => c !== code) : [...d.picked, code];
        // Keep the picker's order, so the digest shows agencies the way the registry lists them.
        return at("agencies", { all: false, picked: d.options.filter((c) => picked.includes(c)) });
      }
      if (a.kind === "page") return a.page < pages(d) ? at("agencies", { page: a.page }) : { kind: "stale" };
      if (a.kind === "next") return d.all || d.picked.length > 0 ? at("languages") : { kind: "draft", draft: { ...d, needAgency: true } };
      return { kind: "stale" };
    case "languages":
      return a.kind === "language" ? at("frequency", { languages: a.languages }) : { kind: "stale" };
    case "frequency":
      return a.kind === "frequency" ? at("confirm", { frequency: a.frequency }) : { kind: "stale" };
    case "confirm":
      return a.kind === "confirm" ? { kind: "save", draft: d } : { kind: "stale" };
  }
}
