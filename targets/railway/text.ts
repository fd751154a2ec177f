// Small text helpers: commands as Railway's start and pre-deploy commands take them, env-file values.

/** A word as a POSIX shell splitter reads it back: bare when plain, else single-quoted. */
export const shellQuote = (word: string): string =>
  /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;

/** A command list as one string (`startCommand`, `preDeployCommand`). */
export const shellJoin = (command: readonly string[]): string => command.map(shellQuote).join(' ');

/**
 * A value for a `NAME=value` line of Railway's Raw Editor (.env syntax): bare when it can be,
 * double-quoted (with `\\`, `\"` and `\n` escaped) when it has spaces, quotes, `#` or line breaks.
 */
export function envValue(value: string): string {
  if (/^[^\s"'`#\\]*$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** `a, b and c` for messages. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Text from stack.yaml for a comment line: a line break inside would end the comment. */
export const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** Probes and timeouts work in whole seconds, at least 1. */
export const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
