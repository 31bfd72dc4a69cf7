// The bot the benchmark's instances run as: known up front, so no instance calls getMe.
import type { UserFromGetMe } from "grammy/types";

export const BENCH_BOT_TOKEN = "987654321:BENCHbenchBENCHbenchBENCHbench_-0";

export const BENCH_BOT_INFO = {
  id: 987654321,
  is_bot: true,
  first_name: "Hailong bench",
  username: "HailongBenchBot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;
