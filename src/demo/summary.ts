// What the demo prints at the end: what happened in the two simulated weeks, the headline figure, and
// every file written with what it is. English, like the rest of the command line's output.
import path from "node:path";
import { formatInteger, formatInterval, formatPercent } from "../format.ts";
import { DIGEST_WEEK, FIRST_WEEK } from "./calendar.ts";
import { PROVINCE_CODE } from "./province.ts";
import type { DemoResult } from "./run.ts";

const n = (x: number) => formatInteger(x, "en");

export function summaryLines(r: DemoResult): string[] {
  const s = r.stats;
  const province = r.report.groups.find((g) => g.key === PROVINCE_CODE);
  const o = province?.overall;
  const headline =
    o && o.sufficient && o.value !== null && o.low !== null && o.high !== null
      ? `Province-wide satisfaction index for ${DIGEST_WEEK}: ${formatPercent(o.value, "en")} (95 % interval ${formatInterval(o.low, o.high, "en")}), from ${n(o.n)} respondents.`
      : `Province-wide satisfaction index for ${DIGEST_WEEK}: not enough answers.`;
  const cwd = process.cwd();
  const shown = (p: string) => {
    const rel = path.relative(cwd, p);
    return rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
  };
  const width = Math.max(...r.files.map((f) => shown(f.path).length));
  return [
    "",
    `hailong demo: done in ${r.seconds.toFixed(0)} s.`,
    "",
    `Two simulated weeks (${FIRST_WEEK} and ${DIGEST_WEEK}) in a province of ${n(r.agencies - 1)} agencies:`,
    `  • ${n(s.dossiers)} finished dossiers reported over the HTTP API (POST /api/v1/dossiers), each answered with a Telegram invitation;`,
    `  • ${n(s.opened)} citizens opened their invitation and ${n(s.walkIns)} walked in and picked the agency in the bot (${n(s.english)} of them in English);`,
    `  • ${n(s.completed)} surveys completed by tapping through the emulated Telegram: ${n(s.typedAnswers)} answers typed instead of tapped, ${n(s.skips)} optional questions skipped, ${n(s.corrections)} corrected with « Back, ${n(s.comments)} comments;`,
    `  • ${n(s.abandoned)} left a survey half-way; ${n(s.remindersSent)} reminders went out a day later and ${n(s.returned)} of them finished;`,
    `  • the bot long-polled the emulated Bot API and sent ${n(r.botCalls.sendMessage ?? 0)} messages (${n(Object.values(r.botCalls).reduce((a, b) => a + b, 0))} Bot API calls in all).`,
    "",
    headline,
    "",
    `Written to ${shown(r.outDir)}/:`,
    ...r.files.map((f) => `  ${shown(f.path).padEnd(width)}  ${f.what}`),
    "",
    "The database was temporary and has been removed; your ./data was not touched. Run `npm start` for the real service (see README.md).",
  ];
}
