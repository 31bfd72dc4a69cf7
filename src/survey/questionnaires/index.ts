// The explicit list of shipped questionnaires. Each is validated once, then frozen, because the
// engine hands items out inside steps and a caller mutating one would change every later survey.
import { parseQuestionnaire } from "../questionnaire.ts";
import type { Questionnaire } from "../types.ts";
import { sipasServices } from "./sipas-services.ts";
import { sipasShort } from "./sipas-short.ts";

export const DEFAULT_QUESTIONNAIRE_ID = "sipas-short";

const SHIPPED: readonly Questionnaire[] = [sipasShort, sipasServices].map((q) => deepFreeze(parseQuestionnaire(q)));

{
  const keys = SHIPPED.map((q) => `${q.id}@${q.version}`);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined) throw new Error(`questionnaire ${dup} is registered twice`);
}

/** The given version, or the latest one when version is omitted. */
export function getQuestionnaire(id: string, version?: number): Questionnaire | undefined {
  let found: Questionnaire | undefined;
  for (const q of SHIPPED) {
    if (q.id !== id) continue;
    if (version !== undefined ? q.version === version : q.version > (found?.version ?? 0)) found = q;
  }
  return found;
}

/** Every shipped questionnaire version, ordered by id then version. */
export function listQuestionnaires(): readonly Questionnaire[] {
  return [...SHIPPED].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
