// One alert between digests, as two officials of the province (one reading Vietnamese, one English) receive
// it in the bot: each set a threshold on the province's overall index (what /alerts stores after the taps),
// and the service's own check and outbox run on the morning after the simulated fortnight.
import type { Service } from "../main.ts";
import type { BotApiEmulator } from "./bot-api.ts";
import type { Locale } from "../i18n.ts";
import { createStores } from "../store/stores.ts";
import type { OutputWriter } from "./output-files.ts";
import { PROVINCE_CODE } from "./province.ts";

const OFFICIALS: Record<Locale, number> = { vi: 7_100_000_001, en: 7_100_000_002 };
/** The highest level the bot offers: the province's index sits under it, so its month calls for an alert. */
const THRESHOLD = 95;

export async function writeAlert(service: Service, emulator: BotApiEmulator, now: () => Date, out: OutputWriter): Promise<void> {
  const stores = createStores(service.db, now);
  for (const [locale, userId] of Object.entries(OFFICIALS) as [Locale, number][]) {
    const id = String(userId);
    const member = await stores.staff.upsert({ channel: "telegram", userId: id, chatId: id, displayName: `Official (${locale})`, role: "official", scope: [PROVINCE_CODE], locale, grantedBy: "cli" }, now());
    await stores.alerts.saveThreshold({ staffId: member.id, agencyCode: PROVINCE_CODE, target: "index", unit: "percent", value: THRESHOLD });
  }
  const sum = await service.alerts.scheduler.checkNow();
  await service.outbox.runDue();
  if (sum.claimed.length === 0) throw new Error("the demo's alert did not fire: the province's index is not under its threshold");
  for (const [locale, userId] of Object.entries(OFFICIALS) as [Locale, number][]) {
    const got = emulator.messages(userId).filter((m) => m.text.startsWith("⚠️"));
    if (got.length !== 1) throw new Error(`the ${locale} official received ${got.length} alerts, not one`);
    out.text(`alert.${locale}.txt`, `${got[0]!.text}\n`, `an alert between digests: the province's index under an official's threshold (${locale === "vi" ? "Vietnamese" : "English"})`);
  }
}
