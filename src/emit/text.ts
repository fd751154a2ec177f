// Text helpers every target needs: shell words, durations, lists and comment-safe lines.

/**
 * A word as a POSIX shell (and flyctl's shlex splitter) reads it back: bare when plain, else
 * single-quoted (`it's` → `'it'"'"'s'`). `#` is quoted too: shells start a comment there.
 */
export const shellQuote = (word: string): string =>
  /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;

/** A command list as one shell string. */
export const shellJoin = (command: readonly string[]): string => command.map(shellQuote).join(' ');

/** Milliseconds → a Go-style duration, as Compose and fly.toml take it: `40s`, `1m30s`, `1s500ms`, `0s`. */
export function duration(ms: number): string {
  const units: [string, number][] = [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let rest = Math.round(ms);
  let text = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) text += `${n}${unit}`;
    rest -= n * size;
  }
  return text || '0s';
}

/** Milliseconds → whole seconds, at least 1 (probe periods, timeouts). */
export const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** `a, b and c` for messages. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Text from stack.yaml for a comment line: a line break inside would end the comment. */
export const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
