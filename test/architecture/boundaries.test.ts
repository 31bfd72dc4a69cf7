// The house rules of ARCHITECTURE.md, checked on the source: only src/store talks to the database, only
// src/channels/telegram knows grammY, only the composition roots read the wall clock, and time-zone maths
// and CSV parsing each live in one module. A shortcut through a boundary fails here, not in review.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

const files = sources(SRC).map((f) => ({ rel: path.relative(SRC, f).split(path.sep).join("/"), text: fs.readFileSync(f, "utf8") }));

function offenders(outside: (rel: string) => boolean, pattern: RegExp): string[] {
  return files.filter((f) => outside(f.rel) && pattern.test(f.text)).map((f) => f.rel);
}

describe("boundaries", () => {
  it("only src/store uses Prisma or the SQL driver", () => {
    const prisma = /from "(?:[^"]*generated\/prisma[^"]*|@prisma\/[^"]*|@electric-sql\/pglite[^"]*|pg)"|\bdb\.(?:sql|prisma)\b/;
    expect(offenders((rel) => !rel.startsWith("store/"), prisma)).toEqual([]);
  });

  it("only src/channels/telegram (and the composition root and services that start it) import grammY", () => {
    const grammy = /from "(?:grammy|@grammyjs\/[^"]+)(?:\/[^"]*)?"/;
    const allowed = (rel: string) => rel.startsWith("channels/telegram/") || rel.startsWith("service/") || rel.startsWith("demo/") || rel === "main.ts";
    expect(offenders((rel) => !allowed(rel), grammy)).toEqual([]);
  });

  it("only the composition roots read the wall clock: every other part is handed `now`", () => {
    const wallClock = /\bDate\.now\(\)|new Date\(\)/;
    const roots = (rel: string) => rel === "main.ts" || rel.startsWith("cli/") || rel.startsWith("demo/");
    expect(offenders((rel) => !roots(rel), wallClock)).toEqual([]);
  });

  it("only src/time-zone.ts turns a zone's wall clock into offsets, so no copy can assume +07:00", () => {
    // Offset maths reads Intl's parts back through Date.UTC; formatting a date alone is fine anywhere.
    const offsetMaths = /formatToParts[\s\S]*Date\.UTC\(|Date\.UTC\([\s\S]*formatToParts/;
    expect(offenders((rel) => rel !== "time-zone.ts", offsetMaths)).toEqual([]);
  });

  it("only src/csv.ts parses CSV: every import reads files the same way (separator, BOM, quotes, line numbers)", () => {
    const quoteStateMachine = /=== '"'/;
    expect(offenders((rel) => rel !== "csv.ts", quoteStateMachine)).toEqual([]);
  });
});
