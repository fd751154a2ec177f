// Values as Railway's Raw Editor (.env syntax) takes them.
import type { ValuePart } from '../../src/deploy/references.js';

/**
 * A value for a `NAME=value` line of Railway's Raw Editor (.env syntax): bare when it can be,
 * double-quoted (with `\\`, `\"` and `\n` escaped) when it has spaces, quotes, `#` or line breaks.
 */
export function envValue(value: string): string {
  if (/^[^\s"'`#\\]*$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/**
 * A resolved value as Railway takes it: plain text and reference variables joined into one value
 * (quoted by `envValue` when the line is written), or, when a part is nothing Railway can say, what
 * the user has to set instead.
 */
export function railwayValue(parts: readonly ValuePart[]): { value: string } | { toSet: string[] } {
  const toSet = parts.flatMap((p) => (p.kind === 'unresolved' ? [p.about] : p.kind === 'secret' ? [`the secret ${p.name}`] : []));
  if (toSet.length) return { toSet };
  return { value: parts.map((p) => (p.kind === 'text' || p.kind === 'expression' ? p.text : '')).join('') };
}
