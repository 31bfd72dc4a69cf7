// The feedback-action rules and buttons (pure): what a text must be, who may decide what from which status,
// the second-person rule, and buttons that round-trip within Telegram's 64 bytes while anything else is stale.
import { describe, expect, it } from "vitest";
import { actionButtons, TOPIC_CODES, topicCodeOf, type ActionButton } from "../../src/actions/buttons.ts";
import { cleanActionText, decide, MAX_ACTION_TEXT } from "../../src/actions/rules.ts";
import type { ActionActor, FeedbackAction } from "../../src/actions/types.ts";
import { MAX_BUTTON_BYTES } from "../../src/staff/button-codec.ts";
import { ELEMENTS } from "../../src/survey/types.ts";

const at = new Date("2026-11-27T03:00:00Z");
const action = (o: Partial<FeedbackAction> = {}): FeedbackAction => ({
  id: "A1b2C3d4e",
  agency: { id: 1, code: "LSN-STP", nameVi: "Sở Tư pháp", nameEn: null },
  element: "access",
  textVi: "Đã thêm ghế chờ.",
  textEn: null,
  status: "pending",
  createdBy: "telegram:400",
  createdAt: at,
  decidedBy: null,
  decidedAt: null,
  ...o,
});
const comms: ActionActor = { id: "telegram:300", role: "comms", scope: [] };
const author: ActionActor = { id: "telegram:400", role: "admin", scope: [] };
const official: ActionActor = { id: "telegram:500", role: "official", scope: ["LSN-STP"] };

describe("action texts", () => {
  it("become one trimmed NFC paragraph", () => {
    expect(cleanActionText("  Đã bố trí\n\nthêm   2 quầy  ")).toEqual({ ok: true, text: "Đã bố trí thêm 2 quầy" });
    // Decomposed Vietnamese (as some keyboards send it) is stored composed.
    expect(cleanActionText("Đa\u0303 thêm")).toEqual({ ok: true, text: "Đã thêm" });
  });

  it("are refused when empty, too long (counted in letters, not UTF-16 units) or not storable", () => {
    expect(cleanActionText(" \n ")).toEqual({ ok: false, refusal: { reason: "empty_text" } });
    expect(cleanActionText("ầ".repeat(MAX_ACTION_TEXT)).ok).toBe(true);
    expect(cleanActionText("😀".repeat(MAX_ACTION_TEXT + 1))).toEqual({ ok: false, refusal: { reason: "too_long", max: MAX_ACTION_TEXT, length: MAX_ACTION_TEXT + 1 } });
    expect(cleanActionText("Đã\u0000 thêm")).toEqual({ ok: false, refusal: { reason: "bad_text" } });
    expect(cleanActionText("Đã \ud800 thêm")).toEqual({ ok: false, refusal: { reason: "bad_text" } });
    expect(cleanActionText("Đã \u0007 thêm")).toEqual({ ok: false, refusal: { reason: "bad_text" } });
  });
});

describe("decisions", () => {
  it("belong to comms and admins, never to officials or citizens", () => {
    expect(decide("approve", action(), official, "admin")).toEqual({ reason: "not_allowed" });
    expect(decide("approve", action(), { id: "telegram:1", role: null, scope: [] }, "admin")).toEqual({ reason: "not_allowed" });
    expect(decide("approve", action(), comms, "admin")).toBeNull();
  });

  it("approve or reject only a pending action, take down only an approved one", () => {
    expect(decide("approve", action({ status: "approved" }), comms, "admin")).toEqual({ reason: "wrong_status", status: "approved" });
    expect(decide("approve", action({ status: "rejected" }), comms, "admin")).toEqual({ reason: "wrong_status", status: "rejected" });
    // A "Reject" tapped just after someone approved must not unpublish it: taking down is its own step.
    expect(decide("reject", action({ status: "approved" }), comms, "admin")).toEqual({ reason: "wrong_status", status: "approved" });
    expect(decide("takeDown", action({ status: "approved" }), comms, "admin")).toBeNull();
    expect(decide("takeDown", action({ status: "pending" }), comms, "admin")).toEqual({ reason: "wrong_status", status: "pending" });
    expect(decide("takeDown", action({ status: "approved" }), official, "admin")).toEqual({ reason: "not_allowed" });
    expect(decide("approve", null, comms, "admin")).toEqual({ reason: "not_found" });
  });

  it("under second-person, keep an admin from approving what they recorded (rejecting it is withdrawing it)", () => {
    expect(decide("approve", action(), author, "admin")).toBeNull();
    expect(decide("approve", action(), author, "second-person")).toEqual({ reason: "own_action" });
    expect(decide("reject", action(), author, "second-person")).toBeNull();
    expect(decide("approve", action(), comms, "second-person")).toBeNull();
  });
});

describe("action buttons", () => {
  const LONG = "Z".repeat(32);
  const all: ActionButton[] = [
    { kind: "level", nonce: LONG, parent: 999_999_999, page: 999_999_999 },
    { kind: "level", nonce: "n0nce1", parent: 0, page: 0 },
    { kind: "agency", nonce: LONG, agency: 999_999_999 },
    ...(Object.keys(TOPIC_CODES) as (keyof typeof TOPIC_CODES)[]).map((topic) => ({ kind: "topic" as const, nonce: LONG, topic })),
    { kind: "edit", nonce: "n0nce1" },
    { kind: "english", nonce: "n0nce1" },
    { kind: "submit", nonce: "n0nce1" },
    { kind: "discard", nonce: "n0nce1" },
    { kind: "approve", id: LONG },
    { kind: "reject", id: "A1b2C3d4e" },
    { kind: "takeDown", id: "A1b2C3d4e" },
  ];

  it("round-trip within Telegram's 64 bytes", () => {
    for (const a of all) {
      const data = actionButtons.encode(a);
      expect(Buffer.byteLength(data), data).toBeLessThanOrEqual(MAX_BUTTON_BYTES);
      expect(data.startsWith("x:act:")).toBe(true);
      expect(actionButtons.decode(data.slice("x:act:".length)), data).toEqual(a);
    }
    for (const size of Object.values(actionButtons.longest())) expect(size).toBeLessThanOrEqual(MAX_BUTTON_BYTES);
  });

  it("decode anything else to null (old, forged or garbled presses are stale)", () => {
    for (const rest of ["", "ap", "ap:", "ap:a:b", "t:n0nce1:civil_servants", "t:n0nce1:ACC", "l:n0nce1:-1:0", "g:n0nce1:01", "zz:n0nce1", "s:bad id"]) {
      expect(actionButtons.decode(rest), rest).toBeNull();
    }
  });

  it("name every SIPAS element and 'other' as a topic, both ways", () => {
    expect(Object.values(TOPIC_CODES).filter((e) => e !== null).sort()).toEqual([...ELEMENTS].sort());
    for (const e of [...ELEMENTS, null]) expect(TOPIC_CODES[topicCodeOf(e)]).toBe(e);
  });
});
