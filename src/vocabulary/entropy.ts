// Shannon entropy, in bits per character: ~3 for English words, ~4.5+ for random base64.

export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Obvious stand-ins rather than issued tokens: a run of one character (`xxxxxxxx`, `00000000`), an
 * alphabet or digit sequence, `EXAMPLE`/`PLACEHOLDER`/`REDACTED` in the value, or too few distinct
 * characters for a generated token.
 */
export function looksFabricated(body: string): boolean {
  if (/(.)\1{7,}/.test(body)) return true;
  if (/abcdefgh|12345678|ABCDEFGH|XXXX|xxxx/.test(body)) return true;
  if (/example|placeholder|redacted|your[-_]?(token|key|secret)/i.test(body)) return true;
  return body.length >= 16 && new Set(body).size < 8;
}
