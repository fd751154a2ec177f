import { distance } from 'fastest-levenshtein';
import { transposes } from './transposition.js';

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo:
 * at most a third of the word's length in edits (and at least one), case-insensitively. Two
 * neighbouring letters swapped (`prots` for `ports`) count as one edit, the commonest typo of all.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const d = transposes(lower, other) ? 1 : distance(lower, other);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

export const didYouMean = (word: string, candidates: Iterable<string>): string | undefined => {
  const match = closest(word, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
};

/** `a`, `a` or `b`, `a`, `b` or `c`. */
export function oneOfList(items: readonly string[], conjunction = 'or'): string {
  const quoted = items.map((i) => `\`${i}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}
