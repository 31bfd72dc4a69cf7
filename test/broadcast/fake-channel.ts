// A Channel that records every send on virtual time and answers from a script, for broadcaster tests.
import type { Channel, OutboundMessage, SendResult } from "../../src/messages.ts";
import type { BroadcastMessage } from "../../src/broadcast/types.ts";
import type { VirtualTime } from "./virtual-time.ts";

export interface SendCall {
  chatId: string;
  text: string;
  at: number;
  /** 1 for the first request carrying this text, 2 for its first retry, … */
  attempt: number;
}

export type Script = (m: OutboundMessage, attempt: number, callIndex: number) => SendResult | undefined;

export function fakeChannel(vt: VirtualTime, script: Script = () => undefined, latencyMs = 20): Channel & { calls: SendCall[] } {
  const calls: SendCall[] = [];
  return {
    name: "telegram",
    calls,
    async send(m) {
      const attempt = calls.filter((c) => c.text === m.text).length + 1;
      calls.push({ chatId: m.chatId, text: m.text, at: vt.now(), attempt });
      const index = calls.length - 1;
      await vt.sleep(latencyMs);
      return script(m, attempt, index) ?? { ok: true, messageId: String(index + 1) };
    },
  };
}

/** n messages, one per chat unless `perChat` says otherwise; the text is the id, so calls map back to messages. */
export function messages(n: number, chatOf: (i: number) => string = (i) => `c${i}`): BroadcastMessage[] {
  return Array.from({ length: n }, (_, i) => ({ id: `m${i}`, chatId: chatOf(i), text: `m${i}`, locale: "vi" as const }));
}

/** The largest number of sends that started within any half-open 1,000 ms window. */
export function maxPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= 1000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
