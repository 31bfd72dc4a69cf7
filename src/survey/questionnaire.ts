// A questionnaire is data; this schema is the gate every shipped or imported questionnaire passes.
import { z } from "zod";
import { AppError } from "../errors.ts";
import { ELEMENTS, type Questionnaire } from "./types.ts";

// Item and option ids travel inside button callback data (Telegram allows 64 bytes) and are stored
// with every answer, so they stay short and ASCII.
const shortId = z
  .string()
  .regex(/^[a-z0-9_]{1,16}$/, "must be 1–16 characters of a-z, 0-9 or _");

const nonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, "must not be blank");

const localized = (max: number) => z.strictObject({ vi: nonBlank(max), en: nonBlank(max) });

// Question texts are sent as one chat message; option labels become buttons that phones truncate.
const questionText = localized(500);
const optionLabel = localized(40);

const likertItem = z.strictObject({
  id: shortId,
  kind: z.literal("likert"),
  element: z.enum(ELEMENTS).nullable(),
  text: questionText,
  optional: z.boolean(),
});

const choiceItem = z.strictObject({
  id: shortId,
  kind: z.literal("choice"),
  element: z.null(),
  text: questionText,
  optional: z.boolean(),
  options: z
    .array(z.strictObject({ id: shortId, text: optionLabel }))
    .min(2, "a choice item needs at least 2 options")
    .superRefine((options, ctx) => {
      for (const id of duplicates(options.map((o) => o.id))) {
        ctx.addIssue({ code: "custom", message: `duplicate option id "${id}"` });
      }
    }),
});

const textItem = z.strictObject({
  id: shortId,
  kind: z.literal("text"),
  element: z.null(),
  text: questionText,
  optional: z.boolean(),
  // A chat message holds at most 4096 characters; a longer answer could not even be typed.
  maxLength: z.number().int().min(1).max(4096),
});

export const questionnaireSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "must be 1–32 characters of a-z, 0-9, - or _"),
  version: z.number().int().positive(),
  title: localized(200),
  items: z
    .array(z.discriminatedUnion("kind", [likertItem, choiceItem, textItem]))
    .min(1, "a questionnaire needs at least one item")
    .superRefine((items, ctx) => {
      for (const id of duplicates(items.map((i) => i.id))) {
        ctx.addIssue({ code: "custom", message: `duplicate item id "${id}"` });
      }
    }),
});

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** Validates questionnaire data; throws an AppError("validation") listing every problem with its path. */
export function parseQuestionnaire(data: unknown): Questionnaire {
  const result = questionnaireSchema.safeParse(data);
  if (result.success) return result.data;
  const name =
    typeof data === "object" && data !== null && typeof (data as { id?: unknown }).id === "string"
      ? `"${(data as { id: string }).id}"`
      : "(no id)";
  throw new AppError(
    "validation",
    `Invalid questionnaire ${name}:\n${z.prettifyError(result.error)}`,
    result.error.issues,
  );
}
