// Many finished dossiers at once (CSV/XLSX import, POST /api/v1/dossiers:batch), with the outcome of
// POST /api/v1/dossiers for each: created | existing (+ token), or error (field, reason). All-or-nothing per
// row: a bad row is reported and skipped, the good ones go in. Everything is checked in memory first, then
// the database sees a few multi-row statements per thousand rows instead of several queries per row.
import type { Logger } from "../../logger.ts";
import type { AgencyStore } from "../../store/agencies.ts";
import type { BulkInvitationStore, ExistingInvitation } from "../../store/invitations-bulk.ts";
import type { NewInvitation } from "../../store/invitations.ts";
import { randomId } from "../../ids.ts";
import { recordedView, type DeliveryView } from "../delivery.ts";
import type { DossierPayload } from "../dossier-payload.ts";
import { newToken, telegramDeepLink } from "../invitation-service.ts";
import { checkItems, type BulkItem, type FieldError } from "./validate.ts";
import { completedAtInstant } from "./local-time.ts";

export interface BulkImportDeps {
  agencies: Pick<AgencyStore, "idsByCode" | "ensureMany">;
  invitations: BulkInvitationStore;
  logger: Logger;
  now: () => Date;
  /** TZ_DISPLAY: where a completedAt without an offset (a bare date) was written. */
  timeZone: string;
  ttlDays: number;
  telegramUsername: () => string | undefined;
  /** Rows per INSERT statement (default 1,000). */
  chunkSize?: number;
}

export type BulkResult =
  | {
      ref: number;
      dossierCode: string;
      outcome: "created" | "existing";
      token: string;
      telegramUrl: string | null;
      expiresAt: string;
      /** Only for rows that came with a contact or whose invitation was sent earlier. */
      delivery?: DeliveryView;
    }
  | { ref: number; dossierCode?: string; outcome: "error"; errors: FieldError[] };

export interface BulkReport {
  results: BulkResult[];
  counts: { created: number; existing: number; error: number };
}

export interface BulkOptions {
  /** How the report names an item: "line 12", "dossiers[3]". */
  refName: (ref: number) => string;
  /** How the report names a payload field: the CSV says agency_name where the API says agencyName. */
  fieldName?: (path: string) => string;
  /** Called after each chunk with the number of items settled so far. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Sending thousands of Zalo messages inside one request or command would hit quotas and time limits, and
 * there is no persisted send queue yet; so a bulk import records nothing to send and says so.
 */
export const BULK_CONTACT_NOT_SENT =
  "bulk imports do not send over Zalo (no send queue yet) and the contact was not stored; hand the citizen the link or QR code, or post this dossier to POST /api/v1/dossiers to send it";

const LOOKUP_CHUNK = 5_000;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export function createBulkImporter(deps: BulkImportDeps) {
  const chunkSize = deps.chunkSize ?? 1_000;

  async function findExisting(codes: string[]): Promise<Map<string, ExistingInvitation>> {
    const found = new Map<string, ExistingInvitation>();
    for (const part of chunks(codes, LOOKUP_CHUNK)) for (const [k, v] of await deps.invitations.findExisting(part)) found.set(k, v);
    return found;
  }

  /** Agency ids for the rows to insert; unknown agencies are created when some row of the batch names them. */
  async function resolveAgencies(rows: DossierPayload[]): Promise<Map<string, number>> {
    const ids = await deps.agencies.idsByCode([...new Set(rows.map((r) => r.agencyCode))]);
    const named = new Map<string, string>();
    for (const r of rows) if (!ids.has(r.agencyCode) && r.agencyName && !named.has(r.agencyCode)) named.set(r.agencyCode, r.agencyName);
    if (named.size === 0) return ids;
    const created = await deps.agencies.ensureMany([...named].map(([code, nameVi]) => ({ code, nameVi })));
    deps.logger.info({ agencies: [...named.keys()].slice(0, 20), count: named.size }, "agencies created from a dossier import");
    return new Map([...ids, ...created]);
  }

  function settled(ref: number, d: DossierPayload, outcome: "created" | "existing", inv: { token: string; expiresAt: Date }, recorded?: ExistingInvitation): BulkResult {
    const username = deps.telegramUsername();
    const delivery = recorded?.delivery
      ? recordedView(recorded.delivery)
      : d.contact
        ? ({ channel: "none", status: "skipped", reason: BULK_CONTACT_NOT_SENT } as const)
        : undefined;
    return {
      ref,
      dossierCode: d.dossierCode,
      outcome,
      token: inv.token,
      telegramUrl: username ? telegramDeepLink(username, inv.token) : null,
      expiresAt: inv.expiresAt.toISOString(),
      ...(delivery ? { delivery } : {}),
    };
  }

  return {
    async importDossiers(items: BulkItem[], opts: BulkOptions): Promise<BulkReport> {
      const field = opts.fieldName ?? ((p: string) => p);
      const total = items.length;
      const results: (BulkResult | undefined)[] = new Array(total);
      const valid: { index: number; ref: number; payload: DossierPayload }[] = [];
      checkItems(items, opts.refName).forEach((c, index) => {
        if (c.ok) valid.push({ index, ref: c.ref, payload: c.payload });
        else results[index] = { ref: c.ref, ...(c.dossierCode ? { dossierCode: c.dossierCode } : {}), outcome: "error", errors: c.errors.map((e) => ({ ...e, field: field(e.field) })) };
      });
      let done = total - valid.length;

      const existing = await findExisting(valid.map((v) => v.payload.dossierCode));
      const fresh = valid.filter((v) => {
        const inv = existing.get(v.payload.dossierCode);
        if (inv) results[v.index] = settled(v.ref, v.payload, "existing", inv, inv);
        return !inv;
      });
      done += valid.length - fresh.length;
      opts.onProgress?.(done, total);

      const agencyIds = await resolveAgencies(fresh.map((v) => v.payload));
      const insertable = fresh.filter((v) => {
        if (agencyIds.has(v.payload.agencyCode)) return true;
        const reason = `unknown agency "${v.payload.agencyCode}"; give ${field("agencyName")} as well to create it`;
        results[v.index] = { ref: v.ref, dossierCode: v.payload.dossierCode, outcome: "error", errors: [{ field: field("agencyCode"), reason }] };
        done++;
        return false;
      });

      const now = deps.now();
      const expiresAt = new Date(now.getTime() + deps.ttlDays * 86_400_000);
      for (const part of chunks(insertable, chunkSize)) {
        const rows: NewInvitation[] = part.map(({ payload: d }) => ({
          id: randomId(),
          token: newToken(),
          dossierCode: d.dossierCode,
          agencyId: agencyIds.get(d.agencyCode) as number,
          procedureCode: d.procedureCode ?? null,
          procedureName: d.procedureName ?? null,
          completedAt: completedAtInstant(d.completedAt, deps.timeZone),
          locale: d.locale ?? "vi",
          expiresAt,
        }));
        const created = await deps.invitations.insertMany(rows, now);
        // A dossier posted concurrently by another request wins the insert; it is reported as existing.
        const raced = await findExisting(rows.filter((r) => !created.has(r.dossierCode)).map((r) => r.dossierCode));
        part.forEach((v, i) => {
          const row = rows[i] as NewInvitation;
          const other = raced.get(row.dossierCode);
          if (created.has(row.dossierCode)) results[v.index] = settled(v.ref, v.payload, "created", row);
          else if (other) results[v.index] = settled(v.ref, v.payload, "existing", other, other);
          // Skipped as a duplicate yet gone on the re-read: nothing is stored, and saying so lets the caller retry.
          else results[v.index] = { ref: v.ref, dossierCode: row.dossierCode, outcome: "error", errors: [{ field: field("dossierCode"), reason: "changed concurrently; send it again" }] };
        });
        done += part.length;
        opts.onProgress?.(done, total);
      }

      const final = results as BulkResult[];
      const counts = { created: 0, existing: 0, error: 0 };
      for (const r of final) counts[r.outcome]++;
      deps.logger.info(counts, "dossier import finished");
      return { results: final, counts };
    },
  };
}

export type BulkImporter = ReturnType<typeof createBulkImporter>;
