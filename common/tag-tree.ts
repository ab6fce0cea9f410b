/** Walking the tag hierarchy: one walk for the server (filters, merges) and the browser (pickers). */

/** The given tag ids plus every descendant, walking a parent -> children index once. */
export function withDescendants(tags: Iterable<{ id: string; parentId: string | null }>, roots: string[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const t of tags) if (t.parentId) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t.id]);
  const out = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
