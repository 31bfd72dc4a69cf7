// What a one-stop centre's system sends when a dossier is finished.
import { z } from "zod";

const code = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._\-/]+$/u, "letters, digits and . _ - / only");
const name = z.string().trim().min(1).max(300);

export const dossierPayload = z.object({
  dossierCode: code,
  agencyCode: code,
  agencyName: name.optional(),
  procedureCode: code.optional(),
  procedureName: name.optional(),
  completedAt: z.iso.datetime({ offset: true }).or(z.iso.date()),
  locale: z.enum(["vi", "en"]).optional(),
});

export type DossierPayload = z.infer<typeof dossierPayload>;
