// known-secret-pattern finds its candidate patterns in one pass over a file (every keyword in one
// lookahead expression): it must pick exactly the patterns a search for each keyword would, with
// keywords overlapping (`ACCAIza`), repeated, at the ends of the text, cut short, or one the start
// of another.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateFinder, candidatesIn, SECRET_PATTERNS, type SecretPattern } from '../../src/vocabulary/secret-patterns.js';

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

  it('picks them for any set of keywords, one the start of another included (`sk-` and `sk-ant-`)', () => {
    // A three-letter alphabet makes keywords that begin, end and overlap one another common.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '.'), minLength: 1, maxLength: 4 });
    const patterns = fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }).map((lists) => lists.map((keywords, i) => ({ id: `p${i}`, description: '', keywords, regex: /x/g }) as SecretPattern));
    fc.assert(
      fc.property(patterns, fc.string({ unit: fc.constantFrom('a', 'b', '.', 'c'), maxLength: 30 }), (set, text) => {
        expect(candidateFinder(set)(text)).toEqual(set.filter((p) => p.keywords.some((k) => text.includes(k))));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds keywords that overlap', () => {
    const ids = (text: string) => candidatesIn(text).map((p) => p.id);
    expect(ids('ACCAIza')).toEqual(byKeywordSearch('ACCAIza').map((p) => p.id));
    expect(ids('ACCAIza')).toContain('google-api-key');
    expect(ids('')).toEqual([]);
  });
});
