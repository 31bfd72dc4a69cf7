// What a one-stop centre's system sends when a dossier is finished.
import { z } from "zod";
import { normalizeVietnamPhone } from "../channels/zalo/phone.ts";
import { refuseBadText } from "../text-input.ts";

const code = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._\-/]+$/u, "letters, digits and . _ - / only");
const name = z.string().trim().min(1).max(300).superRefine(refuseBadText("line"));

/**
 * Completion years a dossier can sensibly have. PostgreSQL has no year 0000 (a timestamp there is an
 * error, not a date), and a year outside this range is a typo or a placeholder, never a real completion.
 */
export const COMPLETED_YEARS = { min: 2000, max: 2100 } as const;

const completedAt = z
  .iso.datetime({ offset: true })
  .or(z.iso.date())
  .refine((s) => {
    const year = Number(s.slice(0, 4));
    return year >= COMPLETED_YEARS.min && year <= COMPLETED_YEARS.max;
  }, `the year must be between ${COMPLETED_YEARS.min} and ${COMPLETED_YEARS.max}`);

/**
 * Where to send the invitation. The phone is used for one send and not stored (unless a retry is due);
 * Zalo user ids are OA-scoped and exceed 2^53, so they must come as strings of digits.
 */
export const dossierContact = z
  .object({
    zaloUserId: z.string().regex(/^\d{1,30}$/, "a Zalo user id as a string of digits").optional(),
    phone: z
      .string()
      .max(32)
      .refine((s) => normalizeVietnamPhone(s) !== undefined, "a Vietnamese mobile number: 0…, +84… or 84… followed by 9 digits")
      .optional(),
  })
  .refine((c) => c.zaloUserId !== undefined || c.phone !== undefined, "give zaloUserId or phone (or leave contact out)");

export const dossierPayload = z.object({
  dossierCode: code,
  agencyCode: code,
  agencyName: name.optional(),
  procedureCode: code.optional(),
  procedureName: name.optional(),
  completedAt,
  locale: z.enum(["vi", "en"]).optional(),
  contact: dossierContact.optional(),
});

export type DossierPayload = z.infer<typeof dossierPayload>;
export type DossierContact = z.infer<typeof dossierContact>;
