// `hailong announce`: bilingual announcements from the command line, with the same rules as the bot (the
// operator acts as an admin named cli:<user>, as cliOperator says; every step is audited).
//   announce draft --index SIPAS|PAR_INDEX+SIPAS --unit 20 --year 2021 [--out card.png]   (or --agency CODE --period 2026-Q4)
//   announce list [--status pending]      announce show ID
//   announce edit ID --lang vi|en (--text "…" | --file F)
//   announce submit ID | approve ID | reject ID [--reason TEXT] | discard ID
//   announce publish ID [--at "2026-12-01 08:00"]
import { createStores } from "../store/stores.ts";
import { textFault } from "../text-input.ts";
import fs from "node:fs";
import path from "node:path";
import { DraftRefused } from "../announce/draft.ts";
import { draftRefusalText, refusalText } from "../announce/refusal-text.ts";
import { parseLocalDateTime } from "../announce/schedule-time.ts";
import type { Outcome } from "../announce/service.ts";
import { ANNOUNCEMENT_STATUSES, type Actor, type Announcement, type AnnouncementSource, type AnnouncementStatus } from "../announce/types.ts";
import { createAnnouncements } from "../announce/wiring.ts";
import { formatDateTime } from "../format.ts";
import { createTranslator } from "../i18n.ts";
import { createAuditLog } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { cliOperator, operatorPath, subcommands, withDatabase, type CliContext, type Command } from "./command.ts";
import { ArgumentError, parseFlags } from "./flags.ts";

const usage = `hailong announce draft --index SIPAS|PAR_INDEX|PAR_INDEX+SIPAS --unit 20|lang-son|"Lạng Sơn"|LSN --year 2021 [--out card.png]
       hailong announce draft --agency CODE --period 2026-11|2026-Q4 [--out card.png]   (a finished period)
       hailong announce list [--status draft|pending|approved|scheduled|publishing|published|rejected|cancelled]
       hailong announce show ID
       hailong announce edit ID --lang vi|en (--text "…" | --file FILE)
       hailong announce submit ID | approve ID | reject ID [--reason TEXT] | discard ID
       hailong announce publish ID [--at "YYYY-MM-DD HH:MM"]

--out writes the Vietnamese card to the file and the English one beside it (card.en.png).
publish hands the post to the running service's outbox (now, or at --at in TZ_DISPLAY time).`;

function usageError(ctx: CliContext, message: string): number {
  ctx.err(`hailong announce: ${message}`);
  ctx.err(`usage: ${usage}`);
  return 2;
}

function isUsageError(e: unknown): e is Error {
  return e instanceof ArgumentError;
}

/** The operator as an actor: an admin named by cliOperator (src/cli/command.ts), as every CLI command names them. */
export function cliActor(env: Record<string, string | undefined>): Actor {
  return { id: cliOperator(env), role: "admin" };
}

function parts(ctx: CliContext, db: Database) {
  const t = createTranslator();
  const now = () => new Date();
  const ann = createAnnouncements({ db, stores: createStores(db, now), config: ctx.config, t, logger: ctx.logger, now, channels: () => ({}) });
  return { t, service: ann.service, actor: cliActor(ctx.env) };
}

function onlyId(args: string[], what: string, allowed: string[] = []): { id: string; options: Record<string, string> } {
  const { positional, options } = parseFlags(args, allowed);
  if (positional.length !== 1) throw new ArgumentError(`${what} needs exactly one announcement ID`);
  return { id: positional[0] as string, options };
}

function print(ctx: CliContext, a: Announcement): void {
  const tz = ctx.config.timeZone;
  ctx.out(`id: ${a.id}`);
  ctx.out(`status: ${a.status} (version ${a.version})`);
  ctx.out(`source: ${JSON.stringify(a.source)}`);
  ctx.out(`author: ${a.createdBy}, ${formatDateTime(a.createdAt, "en", tz)}`);
  if (a.approvedBy && a.approvedAt) ctx.out(`approved: ${a.approvedBy}, ${formatDateTime(a.approvedAt, "en", tz)} (version ${a.approvedVersion})`);
  if (a.rejectedBy && a.rejectedAt) {
    ctx.out(`rejected: ${a.rejectedBy}, ${formatDateTime(a.rejectedAt, "en", tz)}${a.rejectionReason ? `, because: ${a.rejectionReason}` : ""}`);
  }
  if (a.publishAt) ctx.out(`publish at: ${formatDateTime(a.publishAt, "en", tz)} (${tz})`);
  if (a.publishedAt) ctx.out(`published: ${formatDateTime(a.publishedAt, "en", tz)}`);
  ctx.out("");
  ctx.out("[vi]");
  for (const line of a.textVi.split("\n")) ctx.out(line);
  ctx.out("");
  ctx.out("[en]");
  for (const line of a.textEn.split("\n")) ctx.out(line);
}

async function report(ctx: CliContext, id: string, out: Outcome, done: string): Promise<number> {
  if (!out.ok) {
    ctx.err(`hailong announce: ${refusalText(out.refusal, id, "en", createTranslator())}`);
    return 1;
  }
  ctx.out(`${done}: ${out.announcement.id} is now ${out.announcement.status} (version ${out.announcement.version}).`);
  return 0;
}

function sourceOf(options: Record<string, string>): AnnouncementSource {
  if (options.agency !== undefined || options.period !== undefined) {
    if (options.index !== undefined || options.unit !== undefined || options.year !== undefined) throw new ArgumentError("give --index/--unit/--year or --agency/--period, not both");
    if (!options.agency || !options.period) throw new ArgumentError("--agency and --period go together");
    return { kind: "index_report", agencyCode: options.agency, period: options.period };
  }
  if (!options.index || !options.unit || !options.year) throw new ArgumentError("--index, --unit and --year are required (or --agency and --period)");
  if (!/^\d{4}$/.test(options.year)) throw new ArgumentError("--year must be YYYY");
  return { kind: "official_result", indexCode: options.index, unitCode: options.unit, year: Number(options.year) };
}

/**
 * The card files for --out (the English one beside the Vietnamese), checked before anything is drafted: a
 * path that cannot be written must not leave a saved draft behind (running the command again would make a
 * second one).
 */
function cardFiles(out: string): { vi: string; en: string } {
  const vi = path.resolve(out); // already the operator's path (operatorPath)
  const en = vi.replace(/(\.png)?$/i, ".en.png");
  const dir = path.dirname(vi);
  let isDir: boolean;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    throw new ArgumentError(`--out: the directory ${dir} does not exist`);
  }
  if (!isDir) throw new ArgumentError(`--out: ${dir} is not a directory`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new ArgumentError(`--out: the directory ${dir} is not writable`);
  }
  for (const file of [vi, en]) if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new ArgumentError(`--out: ${file} is a directory`);
  return { vi, en };
}

async function runDraft(args: string[], ctx: CliContext): Promise<number> {
  const { positional, options } = parseFlags(args, ["index", "unit", "year", "agency", "period", "out"]);
  if (positional.length) throw new ArgumentError(`unexpected argument "${positional[0]}"`);
  const source = sourceOf(options);
  const card = options.out ? cardFiles(operatorPath(ctx, options.out)) : undefined;
  return withDatabase(ctx, async (db) => {
    const { t, service, actor } = parts(ctx, db);
    let out;
    try {
      out = await service.create(actor, source);
    } catch (e) {
      if (!(e instanceof DraftRefused)) throw e;
      ctx.err(`hailong announce: ${draftRefusalText(e.reason, e.vars, "en", t)}`);
      return 1;
    }
    if (!out.ok) return report(ctx, "", out, "drafted");
    print(ctx, out.announcement);
    if (card && out.draft) {
      try {
        fs.writeFileSync(card.vi, out.draft.chartVi);
        fs.writeFileSync(card.en, out.draft.chartEn);
      } catch (e) {
        // Checked above, so this is rare (a full disk, a race): the draft stands, and saying so avoids a second one.
        ctx.err(`hailong announce: the draft ${out.announcement.id} is saved, but the card could not be written: ${(e as Error).message}`);
        return 1;
      }
      ctx.out("");
      ctx.out(`card: ${card.vi} (vi), ${card.en} (en)`);
    }
    return 0;
  });
}

async function runList(args: string[], ctx: CliContext): Promise<number> {
  const { positional, options } = parseFlags(args, ["status"]);
  if (positional.length) throw new ArgumentError(`unexpected argument "${positional[0]}"`);
  const status = options.status as AnnouncementStatus | undefined;
  if (status !== undefined && !ANNOUNCEMENT_STATUSES.includes(status)) throw new ArgumentError(`unknown status "${options.status}"`);
  return withDatabase(ctx, async (db) => {
    const { service } = parts(ctx, db);
    // Filtered by the database: the newest 200 posts of that status, however many newer posts have others.
    const list = await service.list(200, status ? [status] : undefined);
    if (list.length === 0) ctx.out("No announcements.");
    for (const a of list) {
      const first = a.textVi.split("\n")[0] ?? "";
      ctx.out(`${a.id}  ${a.status.padEnd(10)}  v${a.version}  ${formatDateTime(a.createdAt, "en", ctx.config.timeZone)}  ${first.length > 70 ? `${first.slice(0, 69)}…` : first}`);
    }
    return 0;
  });
}

async function runShow(args: string[], ctx: CliContext): Promise<number> {
  const { id } = onlyId(args, "show");
  return withDatabase(ctx, async (db) => {
    const { t, service } = parts(ctx, db);
    const a = await service.get(id);
    if (!a) {
      ctx.err(`hailong announce: ${refusalText({ reason: "not_found" }, id, "en", t)}`);
      return 1;
    }
    print(ctx, a);
    ctx.out("");
    ctx.out("history:");
    const trail = await createAuditLog(db).list({ subject: id, limit: 200 });
    for (const e of trail.reverse()) ctx.out(`  ${formatDateTime(e.at, "en", ctx.config.timeZone)}  ${e.actor}  ${e.action}${e.details ? `  ${JSON.stringify(e.details)}` : ""}`);
    return 0;
  });
}

async function runEdit(args: string[], ctx: CliContext): Promise<number> {
  const { id, options } = onlyId(args, "edit", ["lang", "text", "file"]);
  if (options.lang !== "vi" && options.lang !== "en") throw new ArgumentError("--lang vi|en is required");
  if ((options.text === undefined) === (options.file === undefined)) throw new ArgumentError("give exactly one of --text and --file");
  let text = options.text;
  if (options.file !== undefined) {
    try {
      text = fs.readFileSync(operatorPath(ctx, options.file), "utf8");
    } catch (e) {
      ctx.err(`hailong announce: cannot read ${options.file}: ${(e as Error).message}`);
      return 1;
    }
  }
  const lang = options.lang;
  return withDatabase(ctx, async (db) => {
    const { service, actor } = parts(ctx, db);
    return report(ctx, id, await service.edit(actor, id, lang, text as string), `edited (${lang})`);
  });
}

function simple(step: "submit" | "approve" | "reject" | "discard") {
  return async (args: string[], ctx: CliContext): Promise<number> => {
    const { id, options } = onlyId(args, step, step === "reject" ? ["reason"] : []);
    // The author reads the reason where they see the post (the bot's /announce, `show`): the same text rule as the bot's.
    const reason = options.reason;
    if (reason !== undefined) {
      const fault = textFault(reason);
      if (fault) throw new ArgumentError(`--reason ${fault}`);
      if (reason.trim() === "") throw new ArgumentError("--reason needs a few words for the author");
    }
    return withDatabase(ctx, async (db) => {
      const { service, actor } = parts(ctx, db);
      const a = await service.get(id);
      // From the command line the operator approves the version `show` printed: the current one.
      const version = a?.version ?? 0;
      const out =
        step === "submit"
          ? await service.submit(actor, id)
          : step === "approve"
            ? await service.approve(actor, id, version)
            : step === "reject"
              ? await service.reject(actor, id, version, reason)
              : await service.discard(actor, id);
      return report(ctx, id, out, { submit: "submitted", approve: "approved", reject: "rejected", discard: "discarded" }[step]);
    });
  };
}

async function runPublish(args: string[], ctx: CliContext): Promise<number> {
  const { id, options } = onlyId(args, "publish", ["at"]);
  let at: Date | undefined;
  if (options.at !== undefined) {
    at = parseLocalDateTime(options.at, ctx.config.timeZone) ?? undefined;
    if (!at) throw new ArgumentError(`--at must be "YYYY-MM-DD HH:MM" (${ctx.config.timeZone} time)`);
  }
  return withDatabase(ctx, async (db) => {
    const { service, actor } = parts(ctx, db);
    const out = at ? await service.schedule(actor, id, at) : await service.queue(actor, id);
    const code = await report(ctx, id, out, at ? "scheduled" : "queued");
    if (code === 0) {
      const when = at ? formatDateTime(at, "en", ctx.config.timeZone) : "now";
      ctx.out(`The running hailong service publishes it (${when}) through its outbox; \`hailong announce show ${id}\` shows the outcome.`);
    }
    return code;
  });
}

export const announceCommand: Command = {
  summary: "bilingual announcements of official results: draft, edit, approve, publish",
  usage,
  run: subcommands(
    {
      draft: runDraft,
      list: runList,
      show: runShow,
      edit: runEdit,
      submit: simple("submit"),
      approve: simple("approve"),
      reject: simple("reject"),
      discard: simple("discard"),
      publish: runPublish,
    },
    usageError,
    isUsageError,
  ),
};
