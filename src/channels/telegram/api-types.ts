// The grammY types the rest of the service may name, under our names: the composition root and tests hand a
// fake Bot API (a transformer) and the bot's identity through, without importing grammY themselves.
import type { Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";

/** Intercepts every Bot API call (tests and the demo answer them in process). */
export type BotApiTransformer = Transformer;
/** What getMe returns; given, it saves the call (tests, benchmarks). */
export type BotInfo = UserFromGetMe;
