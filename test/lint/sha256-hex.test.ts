// Lint hashes fingerprints and secrets in JavaScript (src/lint/sha256-hex.ts) to keep node:crypto
// out of its start-up; baselines written before hold node:crypto's SHA-256, so the two must agree
// on every text, lone surrogates included (both encode them as U+FFFD).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lint/sha256-hex.js';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('is node:crypto SHA-256 on known vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('secret-files-untracked\0.env\0\0\0')).toBe(nodeSha256('secret-files-untracked\0.env\0\0\0'));
  });

  it('agrees with node:crypto on any text, at any length around the 64-byte block', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', minLength: 50, maxLength: 80 })), (text) => {
        expect(sha256Hex(text)).toBe(nodeSha256(text));
      }),
      { numRuns: 500 },
    );
  });

  it('encodes a lone surrogate as node:crypto does', () => {
    expect(sha256Hex('a\uD800b')).toBe(nodeSha256('a\uD800b'));
  });
});
