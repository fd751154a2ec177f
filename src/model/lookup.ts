// Name lookups over the model's lists without scanning them: emitters ask "which service is
// `api`?" once per reference, and a scan per question made large stacks quadratic. Each index is
// built on first use per list (WeakMap) and rebuilt if the list's length changed.

const byName = new WeakMap<readonly { name: string }[], { length: number; map: Map<string, unknown> }>();

/** The first element of `list` named `name` — `list.find((x) => x.name === name)`, indexed. */
export function findNamed<T extends { name: string }>(list: readonly T[], name: string): T | undefined {
  let index = byName.get(list);
  if (!index || index.length !== list.length) {
    const map = new Map<string, unknown>();
    for (const x of list) if (!map.has(x.name)) map.set(x.name, x);
    index = { length: list.length, map };
    byName.set(list, index);
  }
  return index.map.get(name) as T | undefined;
}

const sets = new WeakMap<readonly string[], { length: number; set: Set<string> }>();

/** `list.includes(name)` for a list of names asked many times, indexed. */
export function hasName(list: readonly string[], name: string): boolean {
  let index = sets.get(list);
  if (!index || index.length !== list.length) {
    index = { length: list.length, set: new Set(list) };
    sets.set(list, index);
  }
  return index.set.has(name);
}
