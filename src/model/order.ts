// One order for text everywhere output is sorted: by code point. Deterministic on every machine and
// Node version (`localeCompare` follows the ICU data Node ships, which changes between releases),
// and cheap (no collator to start: that alone cost a pre-commit lint about 10 ms).

export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
