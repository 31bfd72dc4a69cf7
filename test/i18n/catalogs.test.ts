// vi and en catalogs have the same keys, and every key the code uses exists.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator, loadCatalog } from "../../src/i18n.ts";
import { ELEMENTS } from "../../src/survey/types.ts";

function keys(o: unknown, prefix = ""): string[] {
  if (typeof o !== "object" || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : sourceFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

describe("locale catalogs", () => {
  const vi = keys(loadCatalog("vi")).sort();
  const en = keys(loadCatalog("en")).sort();

  it("vi.json and en.json have identical keys", () => {
    expect(en).toEqual(vi);
  });

  it("no message is empty", () => {
    const t = createTranslator();
    for (const k of vi) {
      expect(t("vi", k).trim(), k).not.toBe("");
      expect(t("en", k).trim(), k).not.toBe("");
    }
  });

  it("every literal key used in src exists (and the computed families are complete)", () => {
    const used = new Set<string>();
    const re = /\bt\(\s*(?:[a-zA-Z.]+|"vi"|"en")\s*,\s*"([a-z_]+(?:\.[a-z_0-9]+)+)"/g;
    for (const f of sourceFiles(path.resolve(import.meta.dirname, "../../src"))) {
      for (const m of fs.readFileSync(f, "utf8").matchAll(re)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    for (const k of used) expect(vi, k).toContain(k);
    for (const e of ELEMENTS) expect(vi).toContain(`element.${e}`);
    for (const s of [1, 2, 3, 4, 5]) expect(vi).toContain(`scale.${s}`);
    for (const r of ["not_understood", "too_long", "not_optional"]) expect(vi).toContain(`survey.reprompt.${r}`);
    for (const c of ["start", "language", "help", "privacy", "cancel", "delete"]) expect(vi).toContain(`telegram.menu.${c}`);
  });
});
