// Text that goes into a Compose file. Compose interpolates `$` everywhere in the file (commands,
// labels, healthchecks, env values), so every literal taken from stack.yaml is escaped here.

/** A literal string as Compose must see it: `$` → `$$`, so Compose does not interpolate it. */
export const literal = (text: string): string => text.replace(/\$/g, () => '$$');

/** Single-quotes a word for `sh -c` (healthcheck commands): `it's` → `'it'\''s'`. */
export const shellQuote = (word: string): string => (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** `db` → `DB`, `my-db` → `MY_DB`: the prefix of the variables named after a service or resource. */
export const variablePrefix = (name: string): string => name.toUpperCase().replace(/-/g, '_');

/** `a, b and c` for messages. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Text from stack.yaml for a comment line: a line break inside would end the comment. */
export const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
