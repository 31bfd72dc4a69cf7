// The invite code's shape: 60 random bits in 12 symbols that survive being read aloud and retyped.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatInviteCode, newInviteCode, parseInviteCode } from "../../src/staff/invite-code.ts";

describe("invite codes", () => {
  it("are 12 symbols of an alphabet without I, L, O or U, shown in groups of four", () => {
    const codes = Array.from({ length: 2000 }, () => newInviteCode());
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(formatInviteCode("K7QM3XTP9RWA")).toBe("K7QM-3XTP-9RWA");
  });

  it("use every symbol evenly (each byte maps to 5 bits without bias)", () => {
    const all = Array.from({ length: 256 }, (_, b) => newInviteCode(() => Buffer.alloc(12, b))[0]);
    const per = new Map<string, number>();
    for (const ch of all) per.set(ch!, (per.get(ch!) ?? 0) + 1);
    expect(per.size).toBe(32);
    expect([...per.values()].every((n) => n === 8)).toBe(true);
    expect(newInviteCode(crypto.randomBytes)).toHaveLength(12);
  });

  it("read what people type: case, spaces, dashes, O for 0, I and L for 1", () => {
    for (const typed of ["K7QM-3XTP-9RWA", "k7qm 3xtp 9rwa", "  K7QM3XTP9RWA ", "k7qm–3xtp—9rwa", "K7QM.3XTP.9RWA"]) {
      expect(parseInviteCode(typed)).toBe("K7QM3XTP9RWA");
    }
    expect(parseInviteCode("1O0O-ILil-0000")).toBe("100011110000");
    expect(parseInviteCode("ＫＡＢＣ－ＤＥＦＧ－ＨＪＫＭ")).toBe("KABCDEFGHJKM");
  });

  it("refuse what cannot be a code", () => {
    for (const typed of ["", "K7QM-3XTP", "K7QM-3XTP-9RWA-1", "UUUU-UUUU-UUUU", "K7QM-3XTP-9RW!", "ĐĐĐĐ-ĐĐĐĐ-ĐĐĐĐ", "x".repeat(10_000)]) {
      expect(parseInviteCode(typed)).toBeNull();
    }
  });
});
