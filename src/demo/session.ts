// Plays one citizen's answers through the bot, tap by tap, as a person would: the buttons are found by
// their labels in the citizen's language, so a change in what the bot shows breaks the demo loudly
// instead of silently recording something else.
import type { Translate } from "../i18n.ts";
import type { Locale } from "../i18n.ts";
import type { Action } from "./answers.ts";
import type { Citizen } from "./citizen.ts";

/** Simulated seconds a citizen takes per tap, and to type a comment. */
const TAP_SECONDS = 9;
const TYPING_SECONDS = 75;

export interface SessionContext {
  citizen: Citizen;
  locale: Locale;
  t: Translate;
  clock: { now: Date };
}

function pause(clock: { now: Date }, seconds: number): void {
  clock.now = new Date(clock.now.getTime() + seconds * 1000);
}

async function perform(s: SessionContext, a: Action): Promise<void> {
  const { citizen, t, locale, clock } = s;
  pause(clock, a.kind === "text" ? TYPING_SECONDS : TAP_SECONDS);
  switch (a.kind) {
    case "score":
      if (a.correctedFrom !== undefined) {
        // A slip of the thumb: the wrong score, « Back from the next question, then the right one.
        await citizen.tap(`${a.correctedFrom} ·`);
        await citizen.tap(t(locale, "survey.back"));
        pause(clock, TAP_SECONDS);
      }
      if (a.typed !== undefined) await citizen.type(a.typed);
      else await citizen.tap(`${a.score} ·`);
      return;
    case "choice":
      await citizen.tap(`${a.index + 1}.`);
      return;
    case "skip":
      await citizen.tap(t(locale, "survey.skip"));
      return;
    case "text":
      await citizen.type(a.text);
      return;
  }
}

/** Opens the survey: the invitation's deep link, or /start and the agency picked from the bot's list. */
export async function openSurvey(s: SessionContext, how: { token: string } | { agencyName: string }): Promise<void> {
  if ("token" in how) {
    await s.citizen.command(`/start ${how.token}`);
    return;
  }
  await s.citizen.command("/start");
  pause(s.clock, TAP_SECONDS);
  await s.citizen.tap(how.agencyName);
}

/** Performs actions [from, to); when that reaches the end, checks the bot said thank you. */
export async function answer(s: SessionContext, actions: Action[], from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) await perform(s, actions[i] as Action);
  if (to < actions.length) return;
  const thanks = s.t(s.locale, "survey.completed").split("\n")[0] as string;
  // After a score of 1–2 the offer to describe the problem comes under the thanks.
  const offer = s.t(s.locale, "complaint.citizen.offer").split("\n")[0] as string;
  const inbox = s.citizen.inbox();
  const last = inbox.at(-1);
  const thanked = last?.text.includes(thanks) || (last?.text.includes(offer) && inbox.at(-2)?.text.includes(thanks));
  if (!thanked) {
    throw new Error(`citizen ${s.citizen.profile.userId} finished the questions but the bot answered: ${JSON.stringify(last?.text ?? null)}`);
  }
}
