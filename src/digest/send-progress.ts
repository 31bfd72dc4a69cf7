// What the person who started a send sees: one message edited every few seconds ("Đã gửi 1.200/5.000"), then
// a report of the whole send. A courtesy: a failed edit never stops the send, and edits never overlap, so an
// older count cannot land last.
import type { Channel } from "../messages.ts";
import { formatInteger } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import type { Locale } from "../i18n.ts";

export interface ProgressTarget {
  chatId: string;
  locale: Locale;
}

export interface SendCounts {
  /** Recipients whose digest went out in full. */
  sent: number;
  failed: number;
  /** Recipients who had blocked the bot. */
  stopped: number;
  /** Not sent on purpose: unsubscribed, revoked, nothing left in scope. */
  cancelled: number;
  /** Put back for a later attempt (rate limits, network, stop). */
  deferred: number;
}

export class SendProgress {
  private messageId: string | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly channel: Channel,
    private readonly t: Translate,
    private readonly target: ProgressTarget,
    /** Recipients waiting when the person asked. */
    readonly total: number,
    /** The run's sent count when the person asked (a send already under way is joined, not restarted). */
    readonly base: number,
    private readonly logger: Logger,
  ) {}

  /** Shows the count unless the previous update is still on its way. */
  update(runSent: number): void {
    if (this.running) return;
    this.running = this.show(runSent).finally(() => (this.running = undefined));
  }

  async finish(runCounts: SendCounts, baseCounts: SendCounts, durationMs: number): Promise<void> {
    await this.running;
    const l = this.target.locale;
    const n = (k: keyof SendCounts) => formatInteger(Math.max(0, runCounts[k] - baseCounts[k]), l);
    await this.show(runCounts.sent);
    const seconds = Math.max(1, Math.round(durationMs / 1000));
    const text = this.t(l, "digest.send_report", {
      sent: n("sent"),
      total: formatInteger(this.total, l),
      stopped: n("stopped"),
      failed: n("failed"),
      cancelled: n("cancelled"),
      deferred: n("deferred"),
      minutes: formatInteger(Math.floor(seconds / 60), l),
      seconds: formatInteger(seconds % 60, l),
    });
    await this.send({ chatId: this.target.chatId, text, locale: l });
  }

  private async show(runSent: number): Promise<void> {
    const l = this.target.locale;
    const done = Math.min(this.total, Math.max(0, runSent - this.base));
    const text = this.t(l, "digest.progress", { done: formatInteger(done, l), total: formatInteger(this.total, l) });
    const res = await this.send({ chatId: this.target.chatId, text, locale: l, ...(this.messageId ? { editOf: this.messageId } : {}) });
    if (res && !this.messageId) this.messageId = res;
  }

  private async send(m: Parameters<Channel["send"]>[0]): Promise<string | undefined> {
    try {
      const r = await this.channel.send(m);
      if (r.ok) return r.messageId;
      this.logger.warn({ failure: r.failure, detail: r.detail }, "digest progress message not delivered");
    } catch (e) {
      this.logger.warn({ err: e }, "digest progress message failed");
    }
    return undefined;
  }
}
