// The province the feedback-action and /about tests use, in the running service: a centre, a department
// with an office under it and a second department, plus staff made by invite codes as people get them,
// and a citizen who answers a whole survey by tapping.
import { createAgencyStore } from "../../src/store/agencies.ts";
import type { Harness, SentMessage, TelegramUser } from "../helpers/telegram-harness.ts";

export const API_KEY = "test-key-0123456789abcdef";
export const PUBLIC_BASE_URL = "https://hailong.example.gov.vn";
export const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

export async function seedProvince(h: Harness): Promise<void> {
  await createAgencyStore(h.service.db).upsertRegistry([
    { code: "LSN", nameVi: "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn", nameEn: "Lang Son Public Administration Service Centre", parentCode: null, questionnaireId: "sipas-short" },
    { code: "LSN-STP", nameVi: "Sở Tư pháp", nameEn: "Department of Justice", parentCode: "LSN", questionnaireId: "sipas-short" },
    { code: "LSN-STP-PC", nameVi: "Phòng Công chứng số 1", nameEn: "Notary Office No. 1", parentCode: "LSN-STP", questionnaireId: "sipas-short" },
    { code: "LSN-SXD", nameVi: "Sở Xây dựng", nameEn: "Department of Construction", parentCode: "LSN", questionnaireId: "sipas-short" },
  ]);
}

/** An invite code issued by the admin in the bot and redeemed by `userId`, as the staff guide says. */
export async function grant(h: Harness, adminId: number, userId: number, args: string): Promise<TelegramUser> {
  const [issued] = await h.user(adminId).command(`/invite ${args}`);
  const code = CODE.exec(issued?.text ?? "")?.[0];
  if (!code) throw new Error(`no invite code in ${issued?.text}`);
  const person = h.user(userId);
  await person.command(`/redeem ${code}`);
  return person;
}

let dossiers = 0;

export async function invitation(h: Harness, agencyCode: string): Promise<string> {
  const res = await h.service.http.request("/api/v1/dossiers", {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ dossierCode: `HS-ACT-${++dossiers}`, agencyCode, completedAt: "2026-11-26T10:00:00+07:00" }),
  });
  if (res.status !== 201) throw new Error(`invitation: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Taps 5 on every rating and skips the optional questions; the replies to the last tap (the thank-you). */
export async function answerAll(u: TelegramUser): Promise<SentMessage[]> {
  for (let i = 0; i < 20; i++) {
    const labels = u.last()?.buttons.flat().map((b) => b.text) ?? [];
    const replies = labels.some((l) => l.startsWith("5 · ")) ? await u.tap("5 · ") : labels.includes("Bỏ qua") ? await u.tap("Bỏ qua") : labels.includes("Skip") ? await u.tap("Skip") : null;
    if (!replies) throw new Error(`nothing to tap: ${JSON.stringify(labels)}`);
    if (!replies.some((m) => m.buttons.length > 0 && m.kind !== "keyboard")) return replies;
  }
  throw new Error("the survey did not end");
}
