// Flagged responses counted as an indices report shows its groups: each agency with its subtree, so a
// department's count includes its offices' (pure; the rows come from loadFlaggedResponses).

export function flaggedByGroup(flagged: readonly { agencyCode: string }[], groups: readonly { key: string; parentKey: string | null }[]): Map<string, number> {
  const parent = new Map(groups.map((g) => [g.key, g.parentKey]));
  const out = new Map<string, number>();
  for (const r of flagged) {
    // Up the tree; the set stops a parent cycle in bad data from looping.
    const seen = new Set<string>();
    for (let at: string | null | undefined = r.agencyCode; at && !seen.has(at); at = parent.get(at)) {
      seen.add(at);
      out.set(at, (out.get(at) ?? 0) + 1);
    }
  }
  return out;
}
