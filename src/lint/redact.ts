// Secret values never leave stackc whole: messages show a short prefix and the length, code frames
// show the prefix and one `*` per hidden character (so columns still line up).
import { sha256Hex } from './sha256-hex.js';

/** How many leading characters may be shown: enough to recognise `ghp_` or `sk_live_`, never a quarter of the value. */
const shownLength = (value: string): number => Math.min(8, Math.floor(value.length / 4));

/** `ghp_…(40 chars)`: for messages. */
export function redact(value: string): string {
  return `${value.slice(0, shownLength(value))}…(${value.length} chars)`;
}

/** `ghp_************`: the same length, for code frames. */
export function mask(value: string): string {
  const shown = shownLength(value);
  return value.slice(0, shown) + '*'.repeat(value.length - shown);
}

/** Replaces every occurrence of each secret in `text`. Longer secrets first, so a secret containing another is masked whole. */
export function maskAll(text: string, secrets: readonly string[], how: (s: string) => string = mask): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length === 0) continue;
    out = out.split(secret).join(how(secret));
  }
  return out;
}

export const secretHash = (value: string): string => sha256Hex(value);
