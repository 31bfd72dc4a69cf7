// The buttons of the digest feature: typed actions in "x:d:…" data. The period buttons under every digest
// stand alone; the /subscribe dialogue's taps carry the nonce of the draft they belong to, so a button of an
// earlier or abandoned dialogue is recognised as stale.
import { buttonCodec, field } from "../staff/button-codec.ts";
import type { Locale } from "../i18n.ts";
import type { PeriodChoice } from "./period-choice.ts";
import type { Action, Draft } from "./subscribe-draft.ts";

const nonce = { nonce: field.id };

export const digestButtons = buttonCodec("d", {
  period: { tag: "v", fields: { choice: field.oneOf<PeriodChoice>("cw", "lw", "cm", "lm") } },
  all: { tag: "a", fields: nonce },
  toggle: { tag: "t", fields: { ...nonce, index: field.int } },
  page: { tag: "p", fields: { ...nonce, page: field.int } },
  next: { tag: "n", fields: nonce },
  back: { tag: "b", fields: nonce },
  language: { tag: "l", fields: { ...nonce, languages: field.oneOf("vi", "en", "both") } },
  frequency: { tag: "f", fields: { ...nonce, frequency: field.oneOf("w", "m") } },
  confirm: { tag: "ok", fields: nonce },
  cancel: { tag: "x", fields: nonce },
});

const LANGUAGES: Record<"vi" | "en" | "both", Locale[]> = { vi: ["vi"], en: ["en"], both: ["vi", "en"] };

/** The button data of a period under a digest. */
export function periodButton(choice: PeriodChoice): string {
  return digestButtons.encode({ kind: "period", choice });
}

/** The button data of a tap in the /subscribe dialogue on draft `d`. */
export function tapButton(d: Draft, a: Action): string {
  const n = d.nonce;
  switch (a.kind) {
    case "toggle":
      return digestButtons.encode({ kind: "toggle", nonce: n, index: a.index });
    case "page":
      return digestButtons.encode({ kind: "page", nonce: n, page: a.page });
    case "language":
      return digestButtons.encode({ kind: "language", nonce: n, languages: a.languages.length > 1 ? "both" : (a.languages[0] ?? "vi") });
    case "frequency":
      return digestButtons.encode({ kind: "frequency", nonce: n, frequency: a.frequency === "weekly" ? "w" : "m" });
    default:
      return digestButtons.encode({ kind: a.kind, nonce: n });
  }
}

export type DigestTap = { kind: "period"; choice: PeriodChoice } | { kind: "draft"; nonce: string; action: Action };

/** What a press means (data after "x:d:"), or null when it is not one of ours. */
export function decodeTap(rest: string): DigestTap | null {
  const b = digestButtons.decode(rest);
  if (!b) return null;
  switch (b.kind) {
    case "period":
      return { kind: "period", choice: b.choice };
    case "toggle":
      return { kind: "draft", nonce: b.nonce, action: { kind: "toggle", index: b.index } };
    case "page":
      return { kind: "draft", nonce: b.nonce, action: { kind: "page", page: b.page } };
    case "language":
      return { kind: "draft", nonce: b.nonce, action: { kind: "language", languages: LANGUAGES[b.languages] } };
    case "frequency":
      return { kind: "draft", nonce: b.nonce, action: { kind: "frequency", frequency: b.frequency === "w" ? "weekly" : "monthly" } };
    default:
      return { kind: "draft", nonce: b.nonce, action: { kind: b.kind } };
  }
}
