// `hailong actions`: "you said, we did" from the command line, with the bot's rules (the operator acts as an
// admin named cli:<user>, so under HAILONG_APPROVAL=second-person someone else approves what they add;
// every step is audited).
//   actions add --agency CODE --text "…" [--text-en "…"] [--topic access|procedures|civil_servants|results|feedback|other]
//   actions list [--status pending|approved|rejected] [--format table|json]
//   actions approve ID | reject ID
import { createStores } from "../store/stores.ts";
import type { ActionOutcome } from "../actions/service.ts";
import { refusalText } from "../actions/bot-views.ts";
import { ACTION_STATUSES, type ActionActor, type ActionStatus, type FeedbackAction } from "../actions/types.ts";
import { createFeedbackActions } from "../actions/wiring.ts";
import { clipText, formatDateTime } from "../format.ts";
import { createTranslator } from "../i18n.ts";
import type { Database } from "../store/database.ts";
import { ELEMENTS, type Element } from "../survey/types.ts";
import { cliOperator, subcommands, withDatabase, type CliContext, type Command } from "./command.ts";
import { ArgumentError, parseFlags } from "./flags.ts";

const usage = `hailong actions add --agency CODE --text "…" [--text-en "…"] [--topic ${[...ELEMENTS, "other"].join("|")}]
       hailong actions list [--status ${ACTION_STATUSES.join("|")}] [--format table|json]
       hailong actions approve ID
       hailong actions reject ID

An action is what an agency did about citizens' feedback. Once approved it shows on the public results site
and at the end of that agency's survey; reject takes an approved one down again.`;

function usageError(ctx: CliContext, message: string): number {
  ctx.err(`hailong actions: ${message}`);
  ctx.err(`usage: ${usage}`);
  return 2;
}

const isUsageError = (e: unknown): e is Error => e instanceof ArgumentError;

function parts(ctx: CliContext, db: Database) {
  const t = createTranslator();
  const now = () => new Date();
  const actions = createFeedbackActions({ stores: createStores(db, now), config: ctx.config, t, now });
  const actor: ActionActor = { id: cliOperator(ctx.env), role: "admin", scope: [] };
  return { t, service: actions.service, actor };
}

function report(ctx: CliContext, id: string, out: ActionOutcome, done: string): number {
  if (!out.ok) {
    ctx.err(`hailong actions: ${refusalText(out.refusal, id, { t: createTranslator(), locale: "en", timeZone: ctx.config.timeZone })}`);
    return 1;
  }
  ctx.out(`${done}: ${out.action.id} (${out.action.agency.code}) is now ${out.action.status}.`);
  return 0;
}

function topicOf(raw: string | undefined): Element | null {
  if (raw === undefined || raw === "other") return null;
  if (!(ELEMENTS as readonly string[]).includes(raw)) throw new ArgumentError(`unknown --topic "${raw}"`);
  return raw as Element;
}

async function runAdd(args: string[], ctx: CliContext): Promise<number> {
  const { positional, options } = parseFlags(args, ["agency", "text", "text-en", "topic"]);
  if (positional.length) throw new ArgumentError(`unexpected argument "${positional[0]}"`);
  if (!options.agency) throw new ArgumentError("--agency is required");
  if (options.text === undefined) throw new ArgumentError("--text is required");
  const element = topicOf(options.topic);
  return withDatabase(ctx, async (db) => {
    const { service, actor } = parts(ctx, db);
    const out = await service.add(actor, { agencyCode: options.agency!, element, textVi: options.text!, textEn: options["text-en"] ?? null });
    const code = report(ctx, "", out, "added");
    if (out.ok) ctx.out(`Approve it (as someone else under HAILONG_APPROVAL=second-person): hailong actions approve ${out.action.id}`);
    return code;
  });
}

function json(a: FeedbackAction) {
  return {
    id: a.id,
    agency: a.agency.code,
    topic: a.element ?? "other",
    textVi: a.textVi,
    textEn: a.textEn,
    status: a.status,
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}

async function runList(args: string[], ctx: CliContext): Promise<number> {
  const { positional, options } = parseFlags(args, ["status", "format"]);
  if (positional.length) throw new ArgumentError(`unexpected argument "${positional[0]}"`);
  const status = options.status as ActionStatus | undefined;
  if (status !== undefined && !ACTION_STATUSES.includes(status)) throw new ArgumentError(`unknown status "${options.status}"`);
  const format = options.format ?? "table";
  if (format !== "table" && format !== "json") throw new ArgumentError("--format must be table or json");
  return withDatabase(ctx, async (db) => {
    const { service, actor } = parts(ctx, db);
    const list = await service.list(actor, { ...(status ? { statuses: [status] } : {}), limit: 200 });
    if (format === "json") {
      ctx.out(JSON.stringify(list.map(json), null, 2));
      return 0;
    }
    if (list.length === 0) ctx.out("No actions.");
    for (const a of list) {
      ctx.out(`${a.id}  ${a.status.padEnd(8)}  ${formatDateTime(a.createdAt, "en", ctx.config.timeZone)}  ${a.agency.code}  ${a.element ?? "other"}  ${clipText(a.textVi, 70)}`);
    }
    return 0;
  });
}

function decideWith(step: "approve" | "reject") {
  return async (args: string[], ctx: CliContext): Promise<number> => {
    const { positional } = parseFlags(args, []);
    if (positional.length !== 1) throw new ArgumentError(`${step} needs exactly one action ID`);
    const id = positional[0]!;
    return withDatabase(ctx, async (db) => {
      const { service, actor } = parts(ctx, db);
      if (step === "approve") return report(ctx, id, await service.approve(actor, id), "approved");
      // The operator names one action, having read its status: reject means "not public", whichever it was.
      if ((await service.get(id))?.status === "approved") return report(ctx, id, await service.takeDown(actor, id), "taken down");
      return report(ctx, id, await service.reject(actor, id), "rejected");
    });
  };
}

export const actionsCommand: Command = {
  summary: '"you said, we did": record what an agency did about feedback, approve or reject it',
  usage,
  run: subcommands({ add: runAdd, list: runList, approve: decideWith("approve"), reject: decideWith("reject") }, usageError, isUsageError),
};
