// A citizen who finishes a survey by taps with chosen scores, and reading complaint ids off officials' cards.
import type { SentMessage, TelegramUser } from "../helpers/telegram-harness.ts";

/** Taps `scores[i]` on the i-th rating (5 once they run out) and skips the optional questions; the replies to the last tap. */
export async function answerWith(u: TelegramUser, scores: number[]): Promise<SentMessage[]> {
  let rating = 0;
  for (let i = 0; i < 20; i++) {
    const labels = u.last()?.buttons.flat().map((b) => b.text) ?? [];
    let replies: SentMessage[];
    if (labels.some((l) => l.startsWith("5 · "))) replies = await u.tap(`${scores[rating++] ?? 5} · `);
    else if (labels.includes("Bỏ qua")) replies = await u.tap("Bỏ qua");
    else if (labels.includes("Skip")) replies = await u.tap("Skip");
    else throw new Error(`nothing to tap: ${JSON.stringify(labels)}`);
    if (replies.some((m) => /Cảm ơn|Thank you/.test(m.text) && m.kind !== "edit")) return replies;
  }
  throw new Error("the survey did not end");
}

export const labelsOf = (m: SentMessage | undefined) => m?.buttons.flat().map((b) => b.text) ?? [];

export function complaintIdIn(text: string): string {
  const id = /(?:Phản ánh|Complaint) ([A-Za-z0-9]{6,}) ·/.exec(text)?.[1];
  if (!id) throw new Error(`no complaint id in ${text}`);
  return id;
}
