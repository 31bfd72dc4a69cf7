// The buttons of /integrity: typed actions in "x:ig:…" data. The report is read-only and stateless, so a
// button carries everything it needs (the period choice and an agency id) and is checked again when pressed.
import { buttonCodec, field } from "../staff/button-codec.ts";

/** This or last month, this or last quarter, in TZ_DISPLAY. */
export const INTEGRITY_PERIODS = ["tm", "lm", "tq", "lq"] as const;
export type IntegrityPeriodChoice = (typeof INTEGRITY_PERIODS)[number];

export const integrityButtons = buttonCodec("ig", {
  /** The period was chosen: show the agencies under `parent` (0 = the registry's top). */
  level: { tag: "l", fields: { period: field.oneOf(...INTEGRITY_PERIODS), parent: field.int } },
  /** The report for an agency with its subtree (0 = every agency). */
  report: { tag: "r", fields: { period: field.oneOf(...INTEGRITY_PERIODS), agency: field.int } },
});
