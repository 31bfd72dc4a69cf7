import { describe, expect, it } from "vitest";
import { randomId } from "../../src/ids.js";
import { parseFlags } from "../../src/cli/flags.js";

describe("random ids that people type", () => {
  it("are letters and digits only, so no id is ever read as a command-line option", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = randomId(9);
      expect(id).toMatch(/^[0-9A-Za-z]{13}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(20_000);
    expect(randomId()).toHaveLength(17);
    expect(randomId(6)).toHaveLength(9);
  });

  it("every id is accepted as a positional argument", () => {
    const id = randomId(9);
    expect(parseFlags(["revoke", id], []).positional).toEqual(["revoke", id]);
  });
});

describe("command-line words with one dash", () => {
  it("are positional (ids made before ids were letters and digits only may begin with '-')", () => {
    expect(parseFlags(["revoke", "-k47-MueNX4U"], []).positional).toEqual(["revoke", "-k47-MueNX4U"]);
  });
});
