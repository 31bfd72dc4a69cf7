// The contract between channels and the core: a channel hands over an InboundEvent and sends what comes back.
import type { InboundEvent, OutboundMessage } from "../messages.ts";

export interface SurveyHandler {
  /**
   * Decides what the event means (command, answer, stale button, garbage) and persists the outcome
   * before returning the replies, so a reply the citizen sees always reflects stored data.
   * A redelivered event (same deliveryKey) returns no replies and changes nothing.
   */
  handle(event: InboundEvent): Promise<OutboundMessage[]>;
}
