// The staff features' button codecs: every action survives encode → decode unchanged, the longest data
// any action can make fits Telegram's 64-byte callback_data, and data that is not exactly one of ours
// (old, forged, garbled) decodes to null, which the features answer with the stale-button message.
import { describe, expect, it } from "vitest";
import { announceButtons, type AnnounceButton } from "../../src/announce/buttons.ts";
import { decodeTap, digestButtons, periodButton, tapButton } from "../../src/digest/subscribe-buttons.ts";
import type { Action, Draft } from "../../src/digest/subscribe-draft.ts";
import { buttonCodec, field, MAX_BUTTON_BYTES, type ButtonAction, type ButtonSchema, type ButtonCodec } from "../../src/staff/button-codec.ts";
import { rolesButtons, type RolesButton } from "../../src/staff/roles-buttons.ts";

const LONG_ID = "Z".repeat(32);
const BIG = 999_999_999;

/** Strips "x:<prefix>:", as the staff router does before a feature sees the data. */
function rest<S extends ButtonSchema>(c: ButtonCodec<S>, data: string): string {
  expect(data.startsWith(`x:${c.prefix}:`)).toBe(true);
  return data.slice(`x:${c.prefix}:`.length);
}

function roundTrips<S extends ButtonSchema>(c: ButtonCodec<S>, actions: ButtonAction<S>[]) {
  for (const a of actions) {
    const data = c.encode(a);
    expect(Buffer.byteLength(data), data).toBeLessThanOrEqual(MAX_BUTTON_BYTES);
    expect(c.decode(rest(c, data)), data).toEqual(a);
  }
}

const roles: RolesButton[] = [
  { kind: "revokeAsk", member: "a1B2c3D4e" },
  { kind: "revokeYes", member: LONG_ID },
  { kind: "revokeNo" },
  { kind: "inviteRole", role: "official" },
  { kind: "inviteRole", role: "comms" },
  { kind: "inviteRole", role: "admin" },
  { kind: "inviteToggle", nonce: LONG_ID, agency: BIG },
  { kind: "inviteLevel", nonce: "n0nce", parent: 0, page: 0 },
  { kind: "inviteLevel", nonce: LONG_ID, parent: BIG, page: BIG },
  { kind: "inviteIssue", nonce: "n0nce" },
  { kind: "inviteCancel", nonce: "n0nce" },
];

const post = { id: LONG_ID, version: BIG };
const announce: AnnounceButton[] = [
  { kind: "menu" },
  { kind: "list" },
  { kind: "indices" },
  { kind: "units", index: "PAR_INDEX" },
  { kind: "years", index: "SIPAS_CIVIL_SERVANTS", unit: "VN-MIN" },
  { kind: "result", index: "X".repeat(20), unit: "Y".repeat(20), year: 2021 },
  { kind: "agencies" },
  { kind: "agency", agency: 0 },
  { kind: "agency", agency: BIG },
  { kind: "report", agency: 7, period: "m" },
  { kind: "report", agency: 7, period: "q" },
  { kind: "open", id: "Ab3dE6" },
  { kind: "editVi", ...post },
  { kind: "editEn", ...post },
  { kind: "submit", ...post },
  { kind: "approve", ...post },
  { kind: "reject", ...post },
  { kind: "rejectCancel", id: LONG_ID },
  { kind: "discard", id: LONG_ID },
  { kind: "publish", ...post },
  { kind: "schedule", ...post },
  { kind: "quickTime", ...post, when: "tm" },
  { kind: "quickTime", ...post, when: "nm" },
  { kind: "unschedule", id: LONG_ID },
];

describe("staff button codecs", () => {
  it("round-trip every action of every feature within 64 bytes", () => {
    roundTrips(rolesButtons, roles);
    roundTrips(announceButtons, announce);
    roundTrips(digestButtons, [
      { kind: "period", choice: "lw" },
      { kind: "toggle", nonce: LONG_ID, index: BIG },
      { kind: "language", nonce: "abcdef", languages: "both" },
      { kind: "frequency", nonce: "abcdef", frequency: "m" },
      { kind: "cancel", nonce: "abcdef" },
    ]);
  });

  it("cover every action in the round trip above", () => {
    expect(new Set(roles.map((a) => a.kind))).toEqual(new Set(Object.keys(rolesButtons.longest())));
    expect(new Set(announce.map((a) => a.kind))).toEqual(new Set(Object.keys(announceButtons.longest())));
  });

  it("can never make data longer than Telegram takes, whatever the values", () => {
    for (const c of [rolesButtons, announceButtons, digestButtons] as ButtonCodec<ButtonSchema>[]) {
      for (const [kind, bytes] of Object.entries(c.longest())) expect(bytes, `${c.prefix}.${kind}`).toBeLessThanOrEqual(MAX_BUTTON_BYTES);
    }
  });

  it("keep the data older messages carry (a revoke confirmation, an approval button)", () => {
    expect(rolesButtons.decode("ry:a1B2c3D4e")).toEqual({ kind: "revokeYes", member: "a1B2c3D4e" });
    expect(rolesButtons.decode("rn")).toEqual({ kind: "revokeNo" });
    expect(announceButtons.decode("ap:Ab3dE6:2")).toEqual({ kind: "approve", id: "Ab3dE6", version: 2 });
    expect(announceButtons.decode("ri")).toEqual({ kind: "indices" });
    expect(announceButtons.decode("ri:SIPAS")).toEqual({ kind: "units", index: "SIPAS" });
    expect(announceButtons.decode("sq:Ab3dE6:3:ta")).toEqual({ kind: "quickTime", id: "Ab3dE6", version: 3, when: "ta" });
  });

  it("decode forged and garbled data to null", () => {
    const forged = [
      "",
      ":",
      "zz",
      "ry",
      "ry:",
      "ry:a:b",
      "ry:' OR 1=1",
      "ry:" + "x".repeat(33),
      "rn:extra",
      "ir:overlord",
      "ir:ADMIN",
      "it:nonce:-1",
      "it:nonce:1e3",
      "it:nonce:01",
      "it:nonce:1234567890",
      "it:non:ce:1",
      "il:nonce:0",
      "ii:",
      "ix:nonce:1",
      "x".repeat(200),
      "ry:ab\u0000c",
      "ry:ábc",
    ];
    for (const data of forged) expect(rolesButtons.decode(data), JSON.stringify(data)).toBeNull();
    for (const data of ["ia:abc", "ip:1e3:m", "ia:9999999999", "ip:1:y", "sq:Ab3dE6:1:xx", "ap:Ab3dE6", "ap:Ab3dE6:v2", "ry:SIPAS:20", "ru:SIP AS:20", "o:", "us"]) {
      expect(announceButtons.decode(data), data).toBeNull();
    }
    for (const data of ["v:xw", "v", "t:abc:", "l:abc:fr", "abcdefgh:a", "f:abc:weekly"]) expect(digestButtons.decode(data), data).toBeNull();
  });

  it("refuse at start-up a schema whose data could exceed 64 bytes, or whose tags clash", () => {
    expect(() => buttonCodec("r", { big: { tag: "b", fields: { a: field.id, b: field.id } } })).toThrow(/more than 64/);
    expect(() => buttonCodec("r", { one: { tag: "o" }, two: { tag: "o" } })).toThrow(/declared twice/);
    expect(() => buttonCodec("r", { one: { tag: "o" }, two: { tag: "o", fields: { id: field.id } } })).not.toThrow();
    expect(() => buttonCodec("R", {})).toThrow(/prefix/);
    expect(() => buttonCodec("r", { bad: { tag: "b", fields: { v: field.oneOf("A:B") } } })).toThrow(/enum/);
  });

  it("refuse to encode a value that would not decode (a bug, not input)", () => {
    expect(() => rolesButtons.encode({ kind: "revokeYes", member: "has:colon" })).toThrow(/does not fit/);
    expect(() => announceButtons.encode({ kind: "agency", agency: -1 })).toThrow(/does not fit/);
    expect(() => announceButtons.encode({ kind: "agency", agency: 1.5 })).toThrow(/does not fit/);
  });
});

describe("the /subscribe dialogue's taps", () => {
  const draft = { nonce: "Q1w2E3r4T" } as Draft;
  const actions: Action[] = [
    { kind: "all" },
    { kind: "toggle", index: 12 },
    { kind: "page", page: 3 },
    { kind: "next" },
    { kind: "back" },
    { kind: "language", languages: ["vi"] },
    { kind: "language", languages: ["en"] },
    { kind: "language", languages: ["vi", "en"] },
    { kind: "frequency", frequency: "weekly" },
    { kind: "frequency", frequency: "monthly" },
    { kind: "confirm" },
    { kind: "cancel" },
  ];

  it("carry the draft's nonce and come back as the same action", () => {
    for (const a of actions) {
      const data = tapButton(draft, a);
      expect(decodeTap(rest(digestButtons, data))).toEqual({ kind: "draft", nonce: draft.nonce, action: a });
    }
    expect(decodeTap(rest(digestButtons, periodButton("cm")))).toEqual({ kind: "period", choice: "cm" });
  });
});
