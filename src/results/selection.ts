// Which indices a post is about: one registry code ("SIPAS", loosely typed as "par index"), or several joined
// by "+" or "," for a post about them together ("PAR_INDEX+SIPAS"). The canonical form lists the codes in
// alphabetical order, so the same choice is always stored and shown the same way.
import { JOINED, type OfficialIndexDef } from "./indices.ts";

export interface IndexSelection {
  /** "SIPAS", "PAR_INDEX+SIPAS". */
  code: string;
  indices: OfficialIndexDef[];
}

function canonical(ref: string): string {
  return ref.trim().toUpperCase().replace(/[\s-]+/g, "_");
}

/** The indices named by `ref`, or the first name that is not an index of the registry. */
export function selectIndices(ref: string, known: readonly OfficialIndexDef[]): { ok: true; selection: IndexSelection } | { ok: false; unknown: string } {
  const names = ref.split(/[+,]/).map((s) => s.trim());
  const found = new Map<string, OfficialIndexDef>();
  for (const name of names) {
    const index = known.find((i) => i.code === canonical(name));
    if (!index) return { ok: false, unknown: name === "" ? ref : name };
    found.set(index.code, index);
  }
  const indices = [...found.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  return { ok: true, selection: { code: indices.map((i) => i.code).join(JOINED), indices } };
}
