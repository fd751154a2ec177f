// known-secret-pattern finds its candidate patterns in one pass over a file (every keyword in one
// lookahead expression): it must pick exactly the patterns a search for each keyword would, with
// keywords overlapping (`ACCAIza`), repeated, at the ends of the text, or cut short.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatesIn, SECRET_PATTERNS } from '../../src/vocabulary/secret-patterns.js';

const keywords = SECRET_PATTERNS.flatMap((p) => p.keywords);
const byKeywordSearch = (text: string) => SECRET_PATTERNS.filter((p) => p.keywords.some((k) => text.includes(k)));

describe('candidatesIn', () => {
  it('picks the patterns a search for each keyword picks, on texts made of keywords, their pieces and noise', () => {
    const piece = fc.oneof(
      fc.constantFrom(...keywords),
      fc.constantFrom(...keywords).chain((k) => fc.integer({ min: 0, max: k.length }).map((n) => k.slice(0, n))),
      fc.constantFrom(...keywords).chain((k) => fc.integer({ min: 0, max: k.length }).map((n) => k.slice(n))),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(candidatesIn(text)).toEqual(byKeywordSearch(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds keywords that overlap', () => {
    const ids = (text: string) => candidatesIn(text).map((p) => p.id);
    expect(ids('ACCAIza')).toEqual(byKeywordSearch('ACCAIza').map((p) => p.id));
    expect(ids('ACCAIza')).toContain('google-api-key');
    expect(ids('')).toEqual([]);
  });
});
