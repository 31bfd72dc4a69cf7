// The whole demo: the real service on the embedded database in a throw-away directory, with the Bot API
// emulated in process; a province, two weeks of citizens answering, then the indices, the officials'
// weekly digest and an announcement written to the output directory. No token, no network.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { UserFromGetMe } from "grammy/types";
import { createTranslator } from "../i18n.ts";
import { parsePeriod } from "../indices/period.ts";
import type { IndicesReport } from "../indices/types.ts";
import { createLogger, type Logger } from "../logger.ts";
import { startService } from "../main.ts";
import { importAgenciesCsv } from "../registry/agencies-import.ts";
import { createPseudonymizer } from "../survey/pseudonym.ts";
import { createBackdater } from "../store/demo-backdate.ts";
import { createBotApiEmulator } from "./bot-api.ts";
import { DAYS, DIGEST_WEEK, localTime, TIME_ZONE } from "./calendar.ts";
import { writeAlert } from "./alert-output.ts";
import { writeAnnouncement } from "./announcement-output.ts";
import { writeComplaint } from "./complaint-output.ts";
import { writeDigests } from "./digest-output.ts";
import { writeIndices } from "./indices-output.ts";
import { writeSitePages } from "./site-output.ts";
import { createOutputWriter, type WrittenFile } from "./output-files.ts";
import { agenciesCsv, DIGEST_AGENCIES } from "./province.ts";
import { buildSchedule, DEFAULT_SEED } from "./schedule.ts";
import { simulate, type SimulationStats } from "./simulate.ts";
import { writeTranscripts } from "./transcripts.ts";

export interface DemoOptions {
  outDir: string;
  seed?: number;
  /** Progress lines ("simulating two weeks…"); the summary is returned, not printed. */
  progress?: (line: string) => void;
  logger?: Logger;
}

export interface DemoResult {
  outDir: string;
  /** The temporary data directory, already removed. */
  dataDir: string;
  files: WrittenFile[];
  stats: SimulationStats;
  agencies: number;
  report: IndicesReport;
  /** Bot API calls the service made to the emulator, by method. */
  botCalls: Record<string, number>;
  seconds: number;
}

const DEMO_API_KEY = "demo-centre-key-0123456789";
// Fixed so that respondents' pseudonyms, and so the whole run, are the same every time. Never use it for real.
const DEMO_SECRET = "hailong-demo-secret-not-for-real-use-0123456789";
const MIN_N = 30;

const BOT_INFO: UserFromGetMe = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "Hài lòng (demo)",
  username: "HailongDemoBot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const say = opts.progress ?? (() => undefined);
  const out = createOutputWriter(opts.outDir);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hailong-demo-"));
  const emulator = createBotApiEmulator(BOT_INFO);
  const clock = { now: localTime(0, 7) };
  const t = createTranslator();
  try {
    say(`Starting hailong on an embedded database in ${dataDir} (temporary), with Telegram emulated in process…`);
    const service = await startService({
      // A clean environment, not process.env: a DATABASE_URL or token in the caller's shell must not
      // send the demo to a real database or a real bot.
      env: {
        HAILONG_DATA_DIR: dataDir,
        HOST: "127.0.0.1",
        PORT: "0",
        HAILONG_API_KEYS: DEMO_API_KEY,
        HAILONG_SECRET: DEMO_SECRET,
        HAILONG_MIN_N: String(MIN_N),
        TELEGRAM_BOT_TOKEN: `${BOT_INFO.id}:demo-token-not-a-real-one-000`,
        // Never contacted: the emulator answers every Bot API call before grammY would send it.
        TELEGRAM_API_ROOT: "http://127.0.0.1:9",
        TZ_DISPLAY: TIME_ZONE,
      },
      logger: opts.logger ?? createLogger({ level: "warn" }),
      now: () => clock.now,
      telegramTransformer: emulator.transformer,
      // The demo runs the outbox itself at fixed simulated hours; the worker's own timer must not interleave.
      outboxIntervalMs: 86_400_000,
    });
    try {
      const imported = await importAgenciesCsv(service.db, agenciesCsv(), { defaultQuestionnaire: service.config.defaultQuestionnaire });
      if (!imported.ok) {
        const why = [...imported.fileErrors, ...imported.lines.flatMap((l) => (l.errors ?? []).map((e) => `line ${l.line}: ${e}`))];
        throw new Error(`the demo's agency registry was refused: ${why.join("; ")}`);
      }
      const { events, visits } = buildSchedule(opts.seed ?? DEFAULT_SEED);
      say(`Registered ${imported.counts.created} agencies; simulating two weeks: ${visits.length} citizens, ${events.length} events…`);
      const { stats, citizens } = await simulate(events, {
        baseUrl: service.url!,
        apiKey: DEMO_API_KEY,
        emulator,
        outbox: service.outbox,
        backdater: createBackdater(service.db, createPseudonymizer(DEMO_SECRET)),
        t,
        clock,
      });
      say("Computing the indices, the weekly digest and the announcement…");
      const report = await writeIndices(service.db, { period: DIGEST_WEEK, timeZone: TIME_ZONE, minN: MIN_N }, out);
      await writeDigests(service.db, { agencyCodes: DIGEST_AGENCIES, period: parsePeriod(DIGEST_WEEK, TIME_ZONE), minN: MIN_N }, t, out);
      await writeAnnouncement(service.db, t, out);
      await writeSitePages(service.url!, DIGEST_AGENCIES, out);
      // The morning after the fortnight: November is the running month the officials' thresholds read.
      clock.now = localTime(DAYS, 9);
      await writeAlert(service, emulator, () => clock.now, out);
      await writeComplaint({ service, emulator, baseUrl: service.url!, apiKey: DEMO_API_KEY, clock }, out);
      writeTranscripts(citizens, out);
      return { outDir: out.dir, dataDir, files: out.files, stats, agencies: imported.counts.created, report, botCalls: Object.fromEntries(emulator.calls), seconds: (Date.now() - started) / 1000 };
    } finally {
      await service.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
