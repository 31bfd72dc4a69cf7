// `hailong integrity`: the integrity flags of a period (docs/indices-method.md, "Integrity flags").
import { isAppError } from "../errors.ts";
import { createTranslator } from "../i18n.ts";
import { integrityReport } from "../integrity/integrity-service.ts";
import { renderIntegrity } from "../integrity/render.ts";
import { currentPeriod } from "../digest/slots.ts";
import { createAgencyStore } from "../store/agencies.ts";
import { parsePeriod, type Period } from "../indices/period.ts";
import { ArgumentError, parseFlags } from "./flags.ts";
import type { Command } from "./command.ts";

const usage = `hailong integrity [--period 2026-Q4|2026-11|2026-W48] [--agency CODE] [--locale vi|en] [--format text|json]

Completed responses of the period (default: the current month, TZ_DISPLAY) that the integrity checks flag:
many responses from one person, one chat answering for many dossiers, faster than a person can read, a
burst at one agency, identical answers in a row; and how many the exclusion rule leaves out of an index
asked for with exclude=flagged. --agency takes the agency with its subtree. Flagged responses are kept.`;

export const integrityCommand: Command = {
  summary: "integrity flags of a period: suspicious responses, counted apart",
  usage,
  async run(argv, ctx) {
    let period: Period;
    let agency: string | null;
    let locale: "vi" | "en";
    let format: "text" | "json";
    try {
      const { positional, options } = parseFlags(argv, ["period", "agency", "locale", "format"]);
      if (positional.length > 0) throw new ArgumentError(`unexpected argument "${positional[0]}"`);
      period = options.period ? parsePeriod(options.period, ctx.config.timeZone) : currentPeriod(new Date(), ctx.config.timeZone, "monthly");
      agency = options.agency?.trim() || null;
      if (options.locale !== undefined && options.locale !== "vi" && options.locale !== "en") throw new ArgumentError("--locale must be vi or en");
      if (options.format !== undefined && options.format !== "text" && options.format !== "json") throw new ArgumentError("--format must be text or json");
      locale = options.locale === "en" ? "en" : "vi";
      format = options.format === "json" ? "json" : "text";
    } catch (e) {
      if (e instanceof ArgumentError || isAppError(e, "validation")) {
        ctx.err(`hailong integrity: ${(e as Error).message}`);
        ctx.err(`usage: ${usage}`);
        return 2;
      }
      throw e;
    }
    const db = await ctx.openDatabase();
    try {
      if (agency !== null) {
        // Codes are matched in any case, as everywhere staff type them.
        const resolved = (await createAgencyStore(db).resolveCodes([agency])).get(agency);
        if (resolved === undefined) {
          ctx.err(`hailong integrity: no agency with code "${agency}"`);
          return 1;
        }
        agency = resolved;
      }
      const summary = await integrityReport(db, period, agency);
      if (format === "json") ctx.out(JSON.stringify({ period: period.label, agency, ...summary }, null, 2));
      else ctx.out(renderIntegrity(createTranslator(), locale, period.label, summary));
      return 0;
    } finally {
      await db.close();
    }
  },
};
