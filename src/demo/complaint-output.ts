// One answered complaint, start to end, as the two people saw it in Telegram: a citizen of the Department of
// Justice scores the access to the service 2, takes the offer under the thank-you and describes the
// problem; the department's official is told through the outbox, replies with the button, and marks it
// resolved a day later; the citizen reads both in their own chat.
import type { Service } from "../main.ts";
import { createStores } from "../store/stores.ts";
import type { BotApiEmulator, ChatMessage } from "./bot-api.ts";
import { Citizen } from "./citizen.ts";
import type { OutputWriter } from "./output-files.ts";

const AGENCY = "LSN-STP";
const CITIZEN = { userId: 7_200_000_001, firstName: "Lan", languageCode: "vi" as const };
const OFFICIAL = { userId: 7_200_000_002, firstName: "Hùng", languageCode: "vi" as const };
const PROBLEM = "Tôi đến nộp hồ sơ lý lịch tư pháp lúc 8 giờ, phải chờ đến 11 giờ mà không có ai hướng dẫn lấy số thứ tự.";
const REPLY = "Cảm ơn Ông/Bà đã phản ánh. Từ thứ Hai tới, Sở bố trí một cán bộ hướng dẫn tại cửa và máy lấy số hoạt động từ 7 giờ 30.";
const HOUR = 3_600_000;

export interface ComplaintDemoDeps {
  service: Service;
  emulator: BotApiEmulator;
  baseUrl: string;
  apiKey: string;
  clock: { now: Date };
}

function printed(messages: ChatMessage[]): string[] {
  return messages.flatMap((m) => [m.text.replace(/^/gm, "  "), ...m.buttons.map((row) => `  ${row.map((b) => `[${b.text}]`).join(" ")}`)]);
}

export async function writeComplaint(d: ComplaintDemoDeps, out: OutputWriter): Promise<void> {
  const now = () => d.clock.now;
  const stores = createStores(d.service.db, now);
  const id = String(OFFICIAL.userId);
  await stores.staff.upsert({ channel: "telegram", userId: id, chatId: id, displayName: "Official (Sở Tư pháp)", role: "official", scope: [AGENCY], locale: "vi", grantedBy: "cli" }, now());

  const res = await fetch(`${d.baseUrl}/api/v1/dossiers`, {
    method: "POST",
    headers: { authorization: `Bearer ${d.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ dossierCode: "000.00.20.H33-DEMO-KN01", agencyCode: AGENCY, completedAt: new Date(now().getTime() - HOUR).toISOString() }),
  });
  if (res.status !== 201) throw new Error(`the demo's complaint dossier was refused: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };

  const citizen = new Citizen(d.emulator, CITIZEN);
  const official = new Citizen(d.emulator, OFFICIAL);
  await citizen.command(`/start ${token}`);
  // 2 for the first question (access), then 5s, skipping what may be skipped.
  for (let first = true; ; first = false) {
    const labels = citizen.lastKeyboard()?.buttons.flat().map((b) => b.text) ?? [];
    if (labels.some((l) => l.startsWith("5 · "))) await citizen.tap(first ? "2 · " : "5 · ");
    else if (labels.includes("Bỏ qua")) await citizen.tap("Bỏ qua");
    else break;
  }
  await citizen.tap("✍️ Mô tả vấn đề");
  await citizen.type(PROBLEM);
  await citizen.tap("✓ Trả lời trong khung chat này là đủ");
  const seen = citizen.inbox().length;
  await d.service.outbox.runDue();
  const notice = official.inbox().find((m) => m.text.includes(PROBLEM));
  if (!notice) throw new Error("the demo's official was not told of the complaint");
  const complaintId = /Phản ánh ([A-Za-z0-9]+) ·/.exec(notice.text)?.[1] ?? "";

  d.clock.now = new Date(now().getTime() + 2 * HOUR);
  await official.tap("💬 Trả lời người dân");
  await official.type(REPLY);
  d.clock.now = new Date(now().getTime() + 24 * HOUR);
  await official.tap("✅ Đã giải quyết");
  const later = citizen.inbox().slice(seen);
  if (!later.some((m) => m.text.includes(REPLY)) || !later.some((m) => m.text.startsWith("✅"))) throw new Error("the demo's citizen did not get the reply and the resolution");

  const text = [
    "Người dân (Telegram) · Sở Tư pháp · chấm 2 điểm cho «Tiếp cận dịch vụ»",
    "",
    ...citizen.transcript,
    "",
    "Cán bộ Sở Tư pháp (Telegram): thông báo từ hệ thống",
    "",
    ...printed([notice]),
    "",
    "Cán bộ trả lời (2 giờ sau) và đánh dấu đã giải quyết (1 ngày sau)",
    "",
    ...official.transcript,
    "",
    "Người dân nhận được, trong khung chat của mình",
    "",
    ...printed(later),
    "",
  ].join("\n");
  // The invitation token and the complaint id are random: shown as placeholders, so a second run writes the same file.
  const stable = (complaintId ? text.replaceAll(complaintId, "<id>") : text).replaceAll(token, "<token>");
  out.text("complaint.vi.txt", stable, "one answered complaint: a citizen's low score, the problem described, the official's reply and the resolution, in both chats");
}
