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

/** Each file's relative imports, resolved to paths under src/ (type-only imports count: they are still a dependency). */
const importsOf = new Map(
  files.map((f) => [
    f.rel,
    [...f.text.matchAll(/(?:import|export)\s+(?:type\s+)?(?:[^;]*?\s+from\s+)?"(\.[^"]+)"/g)].map((m) =>
      path.posix.normalize(path.posix.join(path.posix.dirname(f.rel), m[1]!)),
    ),
  ]),
);

/** The files of `from` (a folder prefix) that reach a file matching `to`, directly or through others, with the path. */
function reaches(from: string, to: (rel: string) => boolean): string[] {
  const found: string[] = [];
  for (const start of files.filter((f) => f.rel.startsWith(from)).map((f) => f.rel)) {
    const parent = new Map<string, string>([[start, ""]]);
    const todo = [start];
    while (todo.length) {
      const v = todo.pop()!;
      if (v !== start && to(v)) {
        const trail = [v];
        while (parent.get(trail[0]!)) trail.unshift(parent.get(trail[0]!)!);
        found.push(trail.join(" → "));
        break;
      }
      for (const w of importsOf.get(v) ?? []) {
        if (parent.has(w)) continue;
        parent.set(w, v);
        todo.push(w);
      }
    }
  }
  return found;
}

function offenders(outside: (rel: string) => boolean, pattern: RegExp): string[] {
  return files.filter((f) => outside(f.rel) && pattern.test(f.text)).map((f) => f.rel);
}

describe("boundaries", () => {
  it("only src/store uses Prisma or the SQL driver", () => {
    const prisma = /from "(?:[^"]*generated\/prisma[^"]*|@prisma\/[^"]*|@electric-sql\/pglite[^"]*|pg)"|\bdb\.(?:sql|prisma)\b/;
    expect(offenders((rel) => !rel.startsWith("store/"), prisma)).toEqual([]);
  });

  it("only src/channels/telegram imports grammY (and the demo, which plays Telegram's side)", () => {
    const grammy = /from "(?:grammy|@grammyjs\/[^"]+)(?:\/[^"]*)?"/;
    const allowed = (rel: string) => rel.startsWith("channels/telegram/") || rel.startsWith("demo/");
    expect(offenders((rel) => !allowed(rel), grammy)).toEqual([]);
  });

  it("the shared vocabulary is a leaf: languages, channel-neutral messages and staff types import only the language type (and where the files are)", () => {
    const leaves = ["i18n.ts", "messages.ts", "staff/types.ts", "project-root.ts"];
    for (const leaf of leaves) expect((importsOf.get(leaf) ?? []).filter((i) => i !== "i18n.ts" && i !== "project-root.ts"), leaf).toEqual([]);
    expect(importsOf.get("project-root.ts") ?? []).toEqual([]);
  });

  it("the survey knows no channel, and the store reaches no channel even through another folder", () => {
    expect(reaches("survey/", (rel) => rel.startsWith("channels/"))).toEqual([]);
    expect(reaches("store/", (rel) => rel.startsWith("channels/"))).toEqual([]);
  });

  it("the maths is pure: src/indices reaches neither the store nor any I/O, and the store imports nothing of the method", () => {
    expect(reaches("indices/", (rel) => rel.startsWith("store/") || rel.startsWith("http/") || rel.startsWith("channels/"))).toEqual([]);
    expect(offenders((rel) => rel.startsWith("indices/"), /from "node:(?:fs|net|http|child_process)"/)).toEqual([]);
    expect(reaches("store/", (rel) => rel.startsWith("indices/") || rel.startsWith("reports/"))).toEqual([]);
  });

  it("pictures are drawn by charts/ for whoever needs them: charts imports no digest or announcement", () => {
    expect(reaches("charts/", (rel) => rel.startsWith("digest/") || rel.startsWith("announce/"))).toEqual([]);
  });

  it("stores are built once and handed in: only src/store/stores.ts, the composition roots and the one-shot CSV imports build them", () => {
    const builds = /\bcreate[A-Za-z]*Store\(|\bcreateAuditLog\(/;
    // results/ and registry/ hold the file imports the CLI and the seed run once on a database they opened.
    const allowed = (rel: string) =>
      rel.startsWith("store/") || rel === "main.ts" || rel.startsWith("cli/") || rel.startsWith("demo/") || rel.startsWith("results/") || rel.startsWith("registry/");
    expect(offenders((rel) => !allowed(rel), builds)).toEqual([]);
  });

  it("no file imports itself back through others (no import cycles)", () => {
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (v: string, trail: string[]) => {
      state.set(v, "open");
      for (const w of importsOf.get(v) ?? []) {
        if (state.get(w) === "open") cycles.push([...trail.slice(trail.indexOf(w)), v, w].join(" → "));
        else if (!state.has(w)) visit(w, [...trail, v]);
      }
      state.set(v, "done");
    };
    for (const f of files) if (!state.has(f.rel)) visit(f.rel, []);
    expect(cycles).toEqual([]);
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
