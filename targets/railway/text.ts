// Values as Railway's Raw Editor (.env syntax) takes them.

/**
 * A value for a `NAME=value` line of Railway's Raw Editor (.env syntax): bare when it can be,
 * double-quoted (with `\\`, `\"` and `\n` escaped) when it has spaces, quotes, `#` or line breaks.
 */
export function envValue(value: string): string {
  if (/^[^\s"'`#\\]*$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
