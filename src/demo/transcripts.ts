// Two citizens' chats as they saw them (one in Vietnamese, one in English), so a newcomer can read what
// answering the survey is like without opening Telegram.
import type { Citizen } from "./citizen.ts";
import type { OutputWriter } from "./output-files.ts";
import type { Visit } from "./schedule.ts";

export function writeTranscripts(citizens: Map<Visit, Citizen>, out: OutputWriter): void {
  for (const locale of ["vi", "en"] as const) {
    // An invited citizen who finished in one sitting and left a comment shows the most of the survey.
    const found = [...citizens].find(
      ([v]) => v.locale === locale && v.dossier && v.answers?.abandonAfter === null && v.answers.actions.some((a) => a.kind === "text"),
    );
    if (!found) continue;
    const [visit, citizen] = found;
    const head = `${visit.agency.nameVi} · ${visit.dossier!.procedure.name} · ${visit.dossier!.code}`;
    out.text(`chat.${locale}.txt`, [head, "", ...citizen.transcript].join("\n"), `one citizen's survey in Telegram (${locale === "vi" ? "Vietnamese" : "English"})`);
  }
}
