// Zod schemas for the OA webhook events we act on, written from the real samples in
// /work/shared/reference/channels.md §A.6–A.7 (fixtures in test/fixtures/zalo). Ids are strings; where a
// payload carries them as JSON numbers, parseJsonLossless has already kept their digits, and they are
// turned into strings here. Unknown fields are kept (looseObject): Zalo adds fields without notice.
import { z } from "zod";

const zid = z.union([z.string().min(1), z.number().int()]).transform(String);
const party = z.looseObject({ id: zid });
const common = {
  app_id: zid.optional(),
  oa_id: zid.optional(),
  timestamp: zid,
  user_id_by_app: zid.optional(),
};

/** User → OA messages whose text we read; media events have a caption at most. */
export const USER_MESSAGE_EVENTS = [
  "user_send_text",
  "user_send_image",
  "user_send_link",
  "user_send_audio",
  "user_send_video",
  "user_send_sticker",
  "user_send_gif",
  "user_send_location",
  "user_send_file",
  "user_send_business_card",
] as const;

const userMessage = z.looseObject({
  ...common,
  event_name: z.enum(USER_MESSAGE_EVENTS),
  sender: party,
  recipient: party,
  message: z.looseObject({
    msg_id: zid,
    text: z.string().optional(),
    attachments: z.array(z.looseObject({ type: z.string().optional() })).optional(),
  }),
});

// ⚠ Unverified event (channels.md §A.3): accept the payload under `payload` or `text`.
const clickButton = z.looseObject({
  ...common,
  event_name: z.literal("user_click_button"),
  sender: party,
  recipient: party.optional(),
  message: z
    .looseObject({
      msg_id: zid.optional(),
      text: z.string().optional(),
      payload: z.union([z.string(), z.looseObject({})]).optional(),
    })
    .optional(),
});

const follow = z.looseObject({
  ...common,
  event_name: z.enum(["follow", "unfollow"]),
  follower: party,
  source: z.string().optional(),
});

const feedback = z.looseObject({
  ...common,
  event_name: z.literal("user_feedback"),
  sender: party.optional(),
  user_id: zid.optional(),
  message: z.looseObject({
    msg_id: zid,
    rate: z.union([z.number(), z.string()]).transform(Number).pipe(z.number().int().min(1).max(5)),
    rating_type: z.string().optional(),
    option: z.string().optional(),
    note: z.string().optional(),
    feedbacks: z.array(z.string()).optional(),
    submit_time: zid.optional(),
    tracking_id: zid.optional(),
  }),
});

const received = z.looseObject({
  ...common,
  event_name: z.literal("user_received_message"),
  sender: party.optional(),
  recipient: party,
  message: z.looseObject({
    msg_id: zid,
    delivery_time: zid.optional(),
    tracking_id: zid.optional(),
  }),
});

export const zaloEventSchema = z.discriminatedUnion("event_name", [userMessage, clickButton, follow, feedback, received]);
export type ZaloEvent = z.infer<typeof zaloEventSchema>;
export type ZaloEventName = ZaloEvent["event_name"];

export const KNOWN_EVENTS: ReadonlySet<string> = new Set<string>([
  ...USER_MESSAGE_EVENTS,
  "user_click_button",
  "follow",
  "unfollow",
  "user_feedback",
  "user_received_message",
]);

export type ParsedZaloEvent =
  | { ok: true; event: ZaloEvent }
  | { ok: false; kind: "unknown"; eventName: string }
  | { ok: false; kind: "invalid"; eventName: string; detail: string };

export function parseZaloEvent(body: unknown): ParsedZaloEvent {
  const name = typeof body === "object" && body !== null ? (body as Record<string, unknown>).event_name : undefined;
  const eventName = typeof name === "string" ? name : "";
  if (!KNOWN_EVENTS.has(eventName)) return { ok: false, kind: "unknown", eventName };
  const r = zaloEventSchema.safeParse(body);
  if (!r.success) {
    return { ok: false, kind: "invalid", eventName, detail: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  }
  return { ok: true, event: r.data };
}

/**
 * The inbox key: a redelivery (Zalo retries until it sees 200) or a replay maps to the same key.
 * User messages share one namespace, so a button tap reported both as user_send_text and user_click_button
 * with the same msg_id is handled once.
 */
export function zaloDedupeKey(e: ZaloEvent): string {
  switch (e.event_name) {
    case "follow":
    case "unfollow":
      return `zalo:${e.event_name}:${e.follower.id}:${e.timestamp}`;
    case "user_feedback":
      return `zalo:feedback:${e.message.msg_id}`;
    case "user_received_message":
      return `zalo:received:${e.message.msg_id}`;
    case "user_click_button":
      return e.message?.msg_id ? `zalo:msg:${e.message.msg_id}` : `zalo:click:${e.sender.id}:${e.timestamp}`;
    default:
      return `zalo:msg:${e.message.msg_id}`;
  }
}
