// What a shell script reads from its environment. Used by secret-references.

/** `$NAME` and `${NAME}` a shell would expand, without a default, and not assigned by the script itself. */
export function shellReads(script: string): string[] {
  const assigned = new Set<string>();
  for (const m of script.matchAll(/(?:^|[\s;&|(`])(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)*)?([A-Za-z_][A-Za-z0-9_]*)\+?=/g)) assigned.add(m[1]!);
  for (const m of script.matchAll(/\bread\s+(?:-\w+\s+)*([A-Za-z_][A-Za-z0-9_]*)/g)) assigned.add(m[1]!);
  for (const m of script.matchAll(/\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b/g)) assigned.add(m[1]!);
  const reads: string[] = [];
  // Inside single quotes nothing expands.
  const unquoted = script.replace(/'[^']*'/g, (q) => ' '.repeat(q.length));
  for (const m of unquoted.matchAll(/(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=+?])?[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    const name = m[1] ?? m[3]!;
    const op = m[2];
    if (op && op !== '?' && op !== ':?') continue; // `${NAME:-default}`: the script copes with it unset
    if (!assigned.has(name) && !reads.includes(name)) reads.push(name);
  }
  return reads;
}
