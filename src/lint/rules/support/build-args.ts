// Build arguments substituted into a Dockerfile's text, as `docker build` does for FROM lines.
// Used by base-image-pinned.

/**
 * `${NAME}`, `$NAME`, `${NAME:-default}` and `${NAME:+alt}` replaced from `args`; `undefined` when a
 * variable has no value (an ARG without a default that stack.yaml does not pass either).
 */
export function expandArgs(text: string, args: Readonly<Record<string, string>>): string | undefined {
  let unresolved = false;
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const value = args[(braced ?? bare)!];
    if (op === '-') return value ? value : word!;
    if (op === '+') return value ? word! : '';
    if (value === undefined) unresolved = true;
    return value ?? '';
  });
  return unresolved ? undefined : out;
}
