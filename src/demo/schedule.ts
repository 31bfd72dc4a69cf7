// The two weeks as a list of dated events, drawn once from a seed: dossiers finished during office hours,
// citizens opening their invitation minutes to hours later (or never), walk-ins choosing the agency in
// the bot, the reminder runs, and the citizens a reminder brings back. Pure: no service, no clock.
import { getQuestionnaire } from "../survey/questionnaires/index.ts";
import type { Locale } from "../i18n.ts";
import { planAnswers, type AnswerPlan } from "./answers.ts";
import { awake, DAYS, localTime, nextReminderRun, reminderRuns, weekday, WINDOW_END } from "./calendar.ts";
import type { CitizenProfile } from "./citizen.ts";
import { SCRIPTED_COMMENTS } from "./comments.ts";
import { DEMO_AGENCIES, type DemoAgency, type Procedure } from "./province.ts";
import { Draw } from "./random.ts";

export interface Visit {
  agency: DemoAgency;
  citizen: CitizenProfile;
  locale: Locale;
  /** Null for a walk-in (no dossier, no invitation). */
  dossier: { code: string; procedure: Procedure; completedAt: Date } | null;
  /** Null when the citizen never opens the invitation. */
  answers: AnswerPlan | null;
}

export type DemoEvent =
  | { at: Date; kind: "dossier"; visit: Visit }
  | { at: Date; kind: "survey"; visit: Visit }
  | { at: Date; kind: "return"; visit: Visit }
  | { at: Date; kind: "reminders" };

export const DEFAULT_SEED = 20261122;

const FIRST_USER_ID = 710_000_001;
const GIVEN_NAMES = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh", "Minh", "Nam", "Ngọc", "Phương", "Quân", "Thảo", "Trang", "Tuấn", "Vy"];
const FOREIGN_NAMES = ["Anna", "David", "Kenji", "Maria", "Tom", "Sophie"];

function openDelayMinutes(draw: Draw): number {
  const u = draw.uniform();
  if (u < 0.6) return draw.int(10, 120);
  if (u < 0.9) return draw.int(120, 600);
  return draw.int(600, 1800);
}

/** Office hours: 07:30–17:00 on weekdays, 07:30–11:30 on Saturday. */
function officeMoment(draw: Draw, day: number): Date {
  const closes = weekday(day) === 5 ? 11.5 : 17;
  return localTime(day, 7.5 + draw.uniform() * (closes - 7.5));
}

export function buildSchedule(seed = DEFAULT_SEED): { events: DemoEvent[]; visits: Visit[] } {
  const draw = new Draw(seed);
  const events: DemoEvent[] = reminderRuns().map((at) => ({ at, kind: "reminders" as const }));
  const visits: Visit[] = [];
  let nextUser = FIRST_USER_ID;
  const dossierSeq = new Map<string, number>();

  const citizen = (locale: Locale): CitizenProfile => ({
    userId: nextUser++,
    firstName: draw.pick(locale === "en" ? FOREIGN_NAMES : GIVEN_NAMES),
    languageCode: locale,
  });

  const answersFor = (agency: DemoAgency, locale: Locale, at: Date, comment?: string) =>
    planAnswers(getQuestionnaire(agency.questionnaireId)!, { agency, locale, secondWeek: at.getTime() >= localTime(7, 0).getTime() }, draw, comment);

  const dossierCode = (agency: DemoAgency, completedAt: Date) => {
    const n = (dossierSeq.get(agency.code) ?? 0) + 1;
    dossierSeq.set(agency.code, n);
    const date = new Date(completedAt.getTime() + 7 * 3_600_000).toISOString().slice(2, 10).replace(/-/g, "");
    return `${agency.code}-${date}-${String(n).padStart(4, "0")}`;
  };

  const addSurvey = (visit: Visit, at: Date) => {
    if (!visit.answers || at >= WINDOW_END) return;
    events.push({ at, kind: "survey", visit });
    if (visit.answers.abandonAfter === null || !visit.answers.returns) return;
    // The one reminder is due 24 h after the survey started; the citizen answers it soon after it arrives.
    const run = nextReminderRun(new Date(at.getTime() + 24 * 3_600_000));
    if (run) events.push({ at: new Date(run.getTime() + draw.int(5, 90) * 60_000), kind: "return", visit });
  };

  const addDossier = (agency: DemoAgency, completedAt: Date, opts: { locale?: Locale; opensAt?: Date; comment?: string } = {}) => {
    // Foreign residents mostly need a criminal-record certificate; elsewhere English speakers are rare.
    const locale: Locale = opts.locale ?? (draw.chance(agency.code === "LSN-STP" ? 0.15 : 0.04) ? "en" : "vi");
    const responds = opts.opensAt !== undefined || draw.chance(agency.responseRate);
    const opensAt = opts.opensAt ?? awake(new Date(completedAt.getTime() + openDelayMinutes(draw) * 60_000), draw.int(0, 90));
    const visit: Visit = {
      agency,
      citizen: citizen(locale),
      locale,
      dossier: { code: dossierCode(agency, completedAt), procedure: draw.pick(agency.procedures), completedAt },
      answers: responds ? answersFor(agency, locale, opensAt, opts.comment) : null,
    };
    visits.push(visit);
    events.push({ at: completedAt, kind: "dossier", visit });
    addSurvey(visit, opensAt);
  };

  for (let day = 0; day < DAYS; day++) {
    const wd = weekday(day);
    if (wd === 6) continue;
    for (const agency of DEMO_AGENCIES) {
      if (wd === 5 && !agency.saturday) continue;
      const share = wd === 5 ? 0.5 : 1;
      for (let i = draw.poisson(agency.perDay * share); i > 0; i--) addDossier(agency, officeMoment(draw, day));
      for (let i = draw.poisson(agency.walkInsPerDay * share); i > 0; i--) {
        const locale: Locale = draw.chance(0.12) ? "en" : "vi";
        const at = officeMoment(draw, day);
        const visit: Visit = { agency, citizen: citizen(locale), locale, dossier: null, answers: answersFor(agency, locale, at) };
        visits.push(visit);
        addSurvey(visit, at);
      }
    }
  }

  // Late on the last Sunday, after everyone else: the digest's most recent comments include these two.
  const ward = DEMO_AGENCIES.find((a) => a.code === "LSN-P-LVT")!;
  addDossier(ward, localTime(12, 9.25), { locale: "vi", opensAt: localTime(13, 20.9), comment: SCRIPTED_COMMENTS.name });
  addDossier(ward, localTime(11, 15.2), { locale: "vi", opensAt: localTime(13, 21.7), comment: SCRIPTED_COMMENTS.phone });

  // Stable order: by time, and at the same instant in the order drawn (Array.prototype.sort is stable).
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { events, visits };
}
