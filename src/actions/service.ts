// The feedback-action operations, from the bot or the CLI: each checks the rules (rules.ts), writes through
// the store's guarded statements, and records who did what in the audit log, refusals included.
import { withinScope } from "../staff/scope.ts";
import type { Agency } from "../store/agencies.ts";
import type { AuditLog } from "../store/audit.ts";
import type { ActionQuery, FeedbackActionStore } from "../store/feedback-actions.ts";
import type { Element } from "../survey/types.ts";
import { actorScope, cleanActionText, decide, DECIDABLE, mayRecord, type ActionRefusal, type ApprovalRule, type Decision } from "./rules.ts";
import type { ActionActor, FeedbackAction } from "./types.ts";

export type ActionOutcome = { ok: true; action: FeedbackAction } | { ok: false; refusal: ActionRefusal };

export interface ActionServiceDeps {
  store: FeedbackActionStore;
  agencies: { listAll(): Promise<Agency[]> };
  audit: Pick<AuditLog, "record">;
  approval: ApprovalRule;
  now: () => Date;
  newId: () => string;
}

export interface NewActionInput {
  agencyCode: string;
  element: Element | null;
  textVi: string;
  textEn?: string | null;
}

export interface ActionService {
  add(actor: ActionActor, input: NewActionInput): Promise<ActionOutcome>;
  approve(actor: ActionActor, id: string): Promise<ActionOutcome>;
  reject(actor: ActionActor, id: string): Promise<ActionOutcome>;
  /** An approved action leaves the public pages again (it stays, rejected, for the record). */
  takeDown(actor: ActionActor, id: string): Promise<ActionOutcome>;
  get(id: string): Promise<FeedbackAction | null>;
  /** Newest first; an actor with a scope (an official) sees only the agencies in it. */
  list(actor: ActionActor, q?: Omit<ActionQuery, "agencyIds">): Promise<FeedbackAction[]>;
  /** The agency a code names when it lies within the actor's scope: the check `add` makes, for pickers. */
  agencyFor(actor: ActionActor, code: string): Promise<Agency | ActionRefusal>;
}

export function createActionService(d: ActionServiceDeps): ActionService {
  async function refuse(actor: ActionActor, step: string, subject: string | undefined, refusal: ActionRefusal): Promise<ActionOutcome> {
    await d.audit.record({ actor: actor.id, action: "action.refused", ...(subject ? { subject } : {}), details: { step, ...refusal } }, d.now());
    return { ok: false, refusal };
  }

  async function agencyFor(actor: ActionActor, code: string): Promise<Agency | ActionRefusal> {
    const all = await d.agencies.listAll();
    const agency = all.find((a) => a.code === code) ?? all.find((a) => a.code.toUpperCase() === code.toUpperCase());
    if (!agency) return { reason: "unknown_agency", agency: code };
    if (withinScope([agency.code], all, actorScope(actor)).length === 0) return { reason: "out_of_scope", agency: agency.code };
    return agency;
  }

  async function decideAs(step: Decision, actor: ActionActor, id: string): Promise<ActionOutcome> {
    const before = await d.store.get(id);
    const refusal = decide(step, before, actor, d.approval);
    if (refusal) return refuse(actor, step, id, refusal);
    const { from, to } = DECIDABLE[step];
    const after = await d.store.decide(id, { from: [from], to, by: actor.id, at: d.now() });
    if (!after) {
      // Someone else decided it between our read and our write.
      const now = await d.store.get(id);
      return refuse(actor, step, id, now ? { reason: "wrong_status", status: now.status } : { reason: "not_found" });
    }
    await d.audit.record({ actor: actor.id, action: `action.${step === "takeDown" ? "take_down" : step}`, subject: id, details: { agency: after.agency.code } }, d.now());
    return { ok: true, action: after };
  }

  return {
    async add(actor, input) {
      if (!mayRecord(actor)) return refuse(actor, "add", undefined, { reason: "not_allowed" });
      const agency = await agencyFor(actor, input.agencyCode);
      if ("reason" in agency) return refuse(actor, "add", undefined, agency);
      const vi = cleanActionText(input.textVi);
      if (!vi.ok) return refuse(actor, "add", undefined, vi.refusal);
      const en = input.textEn ? cleanActionText(input.textEn) : null;
      if (en && !en.ok) return refuse(actor, "add", undefined, en.refusal);
      const action = await d.store.create(
        { id: d.newId(), agencyId: agency.id, element: input.element, textVi: vi.text, textEn: en?.text ?? null, createdBy: actor.id },
        d.now(),
      );
      await d.audit.record({ actor: actor.id, action: "action.add", subject: action.id, details: { agency: agency.code, element: input.element } }, d.now());
      return { ok: true, action };
    },
    approve: (actor, id) => decideAs("approve", actor, id),
    reject: (actor, id) => decideAs("reject", actor, id),
    takeDown: (actor, id) => decideAs("takeDown", actor, id),
    get: (id) => d.store.get(id),
    async list(actor, q = {}) {
      const scope = actorScope(actor);
      if (scope.length === 0) return d.store.list(q);
      const all = await d.agencies.listAll();
      const visible = new Set(withinScope(all.map((a) => a.code), all, scope));
      return d.store.list({ ...q, agencyIds: all.filter((a) => visible.has(a.code)).map((a) => a.id) });
    },
    agencyFor,
  };
}
