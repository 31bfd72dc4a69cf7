// The pure rules: roles, statuses, versions, the second-person approval, and typed publication times.
import { describe, expect, it } from "vitest";
import { decide, MAX_TEXT_CHARS, type Step } from "../../src/announce/lifecycle.ts";
import { parseLocalDateTime, quickTime } from "../../src/announce/schedule-time.ts";
import type { Actor, Announcement, AnnouncementStatus } from "../../src/announce/types.ts";

const comms: Actor = { id: "telegram:100", role: "comms" };
const admin: Actor = { id: "telegram:200", role: "admin" };
const admin2: Actor = { id: "telegram:300", role: "admin" };
const official: Actor = { id: "telegram:400", role: "official" };
const nobody: Actor = { id: "telegram:500", role: null };

function ann(status: AnnouncementStatus, o: Partial<Announcement> = {}): Announcement {
  const at = new Date("2026-11-27T03:00:00Z");
  return {
    id: "A1",
    source: { kind: "official_result", indexCode: "SIPAS", unitCode: "20", year: 2021 },
    textVi: "vi",
    textEn: "en",
    status,
    createdBy: comms.id,
    createdAt: at,
    updatedAt: at,
    approvedBy: null,
    approvedAt: null,
    publishAt: null,
    publishedAt: null,
    version: 3,
    approvedVersion: null,
    rejectedBy: null,
    rejectedAt: null,
    rejectionReason: null,
    ...o,
  };
}

const approved = (o: Partial<Announcement> = {}) => ann("approved", { approvedBy: admin.id, approvedAt: new Date(), approvedVersion: 3, ...o });
const reason = (d: ReturnType<typeof decide>) => (d.ok ? "ok" : d.refusal.reason);

describe("decide", () => {
  it("only comms and admins announce; only admins approve or reject", () => {
    for (const step of ["draft", "edit", "submit", "discard", "publish", "schedule"] as Step[]) {
      expect(reason(decide(step, ann("draft"), { actor: official, rule: "admin" }))).toBe("not_allowed");
      expect(reason(decide(step, ann("draft"), { actor: nobody, rule: "admin" }))).toBe("not_allowed");
    }
    expect(reason(decide("draft", null, { actor: comms, rule: "admin" }))).toBe("ok");
    expect(reason(decide("approve", ann("pending"), { actor: comms, rule: "admin" }))).toBe("admin_only");
    expect(reason(decide("reject", ann("pending"), { actor: official, rule: "admin" }))).toBe("not_allowed");
    expect(reason(decide("approve", ann("pending"), { actor: admin, rule: "admin" }))).toBe("ok");
  });

  it("second person: not the author, not an editor; any admin under the plain rule", () => {
    const own = ann("pending", { createdBy: admin.id });
    expect(reason(decide("approve", own, { actor: admin, rule: "second-person" }))).toBe("second_person");
    expect(reason(decide("approve", own, { actor: admin, rule: "admin" }))).toBe("ok");
    const edited = ann("pending");
    expect(reason(decide("approve", edited, { actor: admin2, rule: "second-person", writers: [admin2.id] }))).toBe("second_person");
    expect(reason(decide("approve", edited, { actor: admin2, rule: "second-person", writers: [admin.id] }))).toBe("ok");
  });

  it("an approval is for the version the admin saw", () => {
    expect(decide("approve", ann("pending"), { actor: admin, rule: "admin", seenVersion: 2 })).toEqual({ ok: false, refusal: { reason: "stale_version", version: 3 } });
  });

  it("unapproved, or edited after approval, cannot be published or scheduled", () => {
    const now = new Date("2026-11-27T03:00:00Z");
    const later = new Date("2026-12-01T01:00:00Z");
    for (const status of ["draft", "pending", "rejected"] as const) {
      expect(reason(decide("publish", ann(status), { actor: comms, rule: "admin" }))).toBe("not_approved");
    }
    expect(reason(decide("publish", approved({ approvedVersion: 2 }), { actor: comms, rule: "admin" }))).toBe("not_approved");
    expect(reason(decide("publish", approved({ approvedBy: null }), { actor: comms, rule: "admin" }))).toBe("not_approved");
    expect(reason(decide("publish", approved(), { actor: comms, rule: "admin" }))).toBe("ok");
    expect(reason(decide("schedule", approved(), { actor: comms, rule: "admin", publishAt: later, now }))).toBe("ok");
    expect(reason(decide("schedule", approved(), { actor: comms, rule: "admin", publishAt: now, now }))).toBe("in_past");
    expect(reason(decide("publish", ann("published", { approvedBy: admin.id, approvedVersion: 3 }), { actor: comms, rule: "admin" }))).toBe("wrong_status");
  });

  it("statuses: what can be edited, submitted, discarded, unscheduled", () => {
    const r = (step: Step, status: AnnouncementStatus) => reason(decide(step, ann(status), { actor: admin, rule: "admin", text: "x" }));
    expect(["draft", "pending", "approved", "scheduled", "rejected", "publishing", "published", "cancelled"].map((s) => r("edit", s as AnnouncementStatus))).toEqual([
      "ok", "ok", "ok", "ok", "ok", "wrong_status", "wrong_status", "wrong_status",
    ]);
    expect(r("submit", "draft")).toBe("ok");
    expect(r("submit", "rejected")).toBe("ok");
    expect(r("submit", "pending")).toBe("wrong_status");
    expect(r("discard", "published")).toBe("wrong_status");
    expect(r("unschedule", "approved")).toBe("wrong_status");
    expect(reason(decide("edit", null, { actor: admin, rule: "admin", text: "x" }))).toBe("not_found");
  });

  it("texts: not empty, not longer than a post allows (counted in characters, after NFC)", () => {
    const edit = (text: string) => decide("edit", ann("draft"), { actor: comms, rule: "admin", text });
    expect(reason(edit("   "))).toBe("empty_text");
    expect(reason(edit("ệ".normalize("NFD").repeat(MAX_TEXT_CHARS)))).toBe("ok");
    expect(edit("x".repeat(MAX_TEXT_CHARS + 1))).toEqual({ ok: false, refusal: { reason: "too_long", length: MAX_TEXT_CHARS + 1, max: MAX_TEXT_CHARS } });
  });
});

describe("publication times", () => {
  const TZ = "Asia/Ho_Chi_Minh";
  it("typed times are wall-clock times in the display zone", () => {
    expect(parseLocalDateTime("2026-12-01 08:00", TZ)?.toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(parseLocalDateTime(" 01/12/2026  8h30 ", TZ)?.toISOString()).toBe("2026-12-01T01:30:00.000Z");
    expect(parseLocalDateTime("2026-12-01 08:00", "Europe/Paris")?.toISOString()).toBe("2026-12-01T07:00:00.000Z");
    expect(parseLocalDateTime("2026-07-01 08:00", "Europe/Paris")?.toISOString()).toBe("2026-07-01T06:00:00.000Z");
    for (const bad of ["2026-02-30 08:00", "2026-12-01 24:00", "tomorrow", "2026-12-01", ""]) expect(parseLocalDateTime(bad, TZ)).toBeNull();
  });

  it("quick choices: tomorrow 08:00 and 14:00, next Monday 08:00 (local dates)", () => {
    // Friday 27 Nov 2026, 23:30 in Hanoi (16:30 UTC): "tomorrow" is Saturday 28 there, though UTC still says the 27th.
    const now = new Date("2026-11-27T16:30:00Z");
    expect(quickTime("tm", now, TZ).toISOString()).toBe("2026-11-28T01:00:00.000Z");
    expect(quickTime("ta", now, TZ).toISOString()).toBe("2026-11-28T07:00:00.000Z");
    expect(quickTime("nm", now, TZ).toISOString()).toBe("2026-11-30T01:00:00.000Z");
    // On a Monday, "next Monday" is a week later.
    expect(quickTime("nm", new Date("2026-11-30T03:00:00Z"), TZ).toISOString()).toBe("2026-12-07T01:00:00.000Z");
  });
});
