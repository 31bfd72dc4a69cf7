// Runs the schedule against the running service on the fake clock: each finished dossier is reported
// over the real HTTP API (POST /api/v1/dossiers), each citizen taps through the survey in the emulated
// Telegram, the outbox worker sends the due reminders, and every session is restamped to when it happened.
import type { Translate } from "../i18n.ts";
import type { OutboxWorker } from "../outbox/worker.ts";
import type { Backdater } from "../store/demo-backdate.ts";
import type { BotApiEmulator } from "./bot-api.ts";
import { Citizen } from "./citizen.ts";
import type { DemoEvent, Visit } from "./schedule.ts";
import { answer, openSurvey, type SessionContext } from "./session.ts";

export interface SimulationDeps {
  baseUrl: string;
  apiKey: string;
  emulator: BotApiEmulator;
  outbox: OutboxWorker;
  backdater: Backdater;
  t: Translate;
  clock: { now: Date };
}

export interface SimulationStats {
  dossiers: number;
  opened: number;
  walkIns: number;
  completed: number;
  english: number;
  abandoned: number;
  remindersSent: number;
  returned: number;
  comments: number;
  typedAnswers: number;
  corrections: number;
  skips: number;
}

/** "2026-11-09T09:30:00+07:00": the dossier's completion as the centre's system would send it. */
function localIso(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

export interface SimulationResult {
  stats: SimulationStats;
  /** Each citizen who opened the bot, with their chat transcript. */
  citizens: Map<Visit, Citizen>;
}

export async function simulate(events: DemoEvent[], deps: SimulationDeps): Promise<SimulationResult> {
  const stats: SimulationStats = {
    dossiers: 0,
    opened: 0,
    walkIns: 0,
    completed: 0,
    english: 0,
    abandoned: 0,
    remindersSent: 0,
    returned: 0,
    comments: 0,
    typedAnswers: 0,
    corrections: 0,
    skips: 0,
  };
  const tokens = new Map<Visit, string>();
  const citizens = new Map<Visit, Citizen>();
  // How many messages a citizen had when they left, to tell a reminder from what they had already seen.
  const seen = new Map<Visit, number>();

  const report = async (v: Visit) => {
    const d = v.dossier!;
    const res = await fetch(`${deps.baseUrl}/api/v1/dossiers`, {
      method: "POST",
      headers: { authorization: `Bearer ${deps.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        dossierCode: d.code,
        agencyCode: v.agency.code,
        procedureCode: d.procedure.code,
        procedureName: d.procedure.name,
        completedAt: localIso(d.completedAt),
        locale: v.locale,
      }),
    });
    const body = (await res.json()) as { telegramUrl?: string | null; message?: string };
    if (res.status !== 201 || !body.telegramUrl) throw new Error(`POST /api/v1/dossiers for ${d.code} answered ${res.status}: ${JSON.stringify(body)}`);
    tokens.set(v, new URL(body.telegramUrl).searchParams.get("start") ?? "");
    stats.dossiers++;
  };

  // One sitting of one citizen, restamped afterwards to the simulated moments it began and ended.
  const sitting = async (v: Visit, at: Date, run: (s: SessionContext) => Promise<void>) => {
    const citizen = citizens.get(v) ?? new Citizen(deps.emulator, v.citizen);
    citizens.set(v, citizen);
    const mark = await deps.backdater.mark();
    await run({ citizen, locale: v.locale, t: deps.t, clock: deps.clock });
    await deps.backdater.restamp(v.citizen.userId, mark, at, deps.clock.now);
    seen.set(v, citizen.inbox().length);
  };

  const survey = async (v: Visit, at: Date) => {
    const plan = v.answers!;
    const to = plan.abandonAfter ?? plan.actions.length;
    await sitting(v, at, async (s) => {
      await openSurvey(s, v.dossier ? { token: tokens.get(v)! } : { agencyName: v.locale === "en" ? v.agency.nameEn : v.agency.nameVi });
      await answer(s, plan.actions, 0, to);
    });
    if (v.dossier) stats.opened++;
    else stats.walkIns++;
    if (v.locale === "en") stats.english++;
    if (plan.abandonAfter !== null) stats.abandoned++;
    else count(plan.actions);
  };

  const comeBack = async (v: Visit, at: Date) => {
    const citizen = citizens.get(v)!;
    if (citizen.inbox().length <= (seen.get(v) ?? 0)) {
      throw new Error(`citizen ${v.citizen.userId} left a survey unfinished a day ago but got no reminder`);
    }
    const plan = v.answers!;
    await sitting(v, at, (s) => answer(s, plan.actions, plan.abandonAfter!, plan.actions.length));
    stats.returned++;
    count(plan.actions);
  };

  const count = (actions: NonNullable<Visit["answers"]>["actions"]) => {
    stats.completed++;
    for (const a of actions) {
      if (a.kind === "text") stats.comments++;
      if (a.kind === "skip") stats.skips++;
      if (a.kind === "score" && a.typed !== undefined) stats.typedAnswers++;
      if (a.kind === "score" && a.correctedFrom !== undefined) stats.corrections++;
    }
  };

  for (const e of events) {
    deps.clock.now = e.at;
    if (e.kind === "dossier") await report(e.visit);
    else if (e.kind === "survey") await survey(e.visit, e.at);
    else if (e.kind === "return") await comeBack(e.visit, e.at);
    else stats.remindersSent += (await deps.outbox.runDue()).sent;
  }
  return { stats, citizens };
}
