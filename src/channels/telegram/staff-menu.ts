// A staff member's command menu in their private chat with the bot (BotCommandScopeChat): the citizen
// commands plus those of their role, in their language. Chat-scoped menus outrank the bot-wide one, so
// deleting it on revoke brings the citizen menu back.
import { Api } from "grammy";
import type { Translate } from "../../i18n.ts";
import type { Logger } from "../../logger.ts";
import { roleCommands, type StaffMenus } from "../../staff/menu.ts";
import type { Locale } from "../../i18n.ts";
import { citizenCommands } from "./bot.ts";

export function createTelegramStaffMenus(api: Api, deps: { t: Translate; logger: Logger }): StaffMenus {
  const scopeOf = (chatId: string) => ({ type: "chat" as const, chat_id: Number(chatId) });
  return {
    async show(member) {
      const commands = [
        ...citizenCommands(deps.t, member.locale),
        ...roleCommands(deps.t, member.locale, member.role),
      ];
      // Telegram refuses a chat it has never seen; the member still has /help, so this is only logged.
      await api
        .setMyCommands(commands, { scope: scopeOf(member.chatId) })
        .catch((e) => deps.logger.info({ err: e, chatId: member.chatId }, "staff command menu not set"));
    },
    async hide(chatId) {
      await api.deleteMyCommands({ scope: scopeOf(chatId) }).catch((e) => deps.logger.info({ err: e, chatId }, "staff command menu not removed"));
    },
  };
}

/**
 * For a revoke from the CLI, where no bot is running: remove the person's menu and tell them, as a revoke in
 * the bot does. Resolves with what happened, for the operator; a short timeout, since the server may be
 * cut off from Telegram.
 */
export async function tellRevokedByCli(
  tg: { token: string; apiRoot: string },
  member: { chatId: string; locale: Locale },
  deps: { t: Translate; logger: Logger },
): Promise<{ ok: true } | { ok: false; detail: string }> {
  const api = new Api(tg.token, { apiRoot: tg.apiRoot, timeoutSeconds: 10 });
  await createTelegramStaffMenus(api, deps).hide(member.chatId);
  try {
    await api.sendMessage(member.chatId, deps.t(member.locale, "roles.revoke.notice"));
    return { ok: true };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
}
