// RFC 7386 JSON merge patch (src/emit/patches/merge-patch.ts): the RFC's own examples, and its
// rules as properties over generated documents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap } from '../../src/emit/patches/json.js';
import { mergePatch } from '../../src/emit/patches/merge-patch.js';

// https://www.rfc-editor.org/rfc/rfc7386#appendix-A
const RFC_EXAMPLES: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [['a', 'b'], ['c', 'd'], ['c', 'd']],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

const json = fc.jsonValue({ maxDepth: 4 });
const document = fc.dictionary(fc.string({ maxLength: 4 }), json, { maxKeys: 6 });

describe('mergePatch (RFC 7386)', () => {
  it.each(RFC_EXAMPLES)('the RFC example %j + %j', (target, patch, result) => {
    expect(mergePatch(target, patch)).toEqual(result);
  });

  it('a patch that is not a map replaces the document', () => {
    fc.assert(fc.property(json, json.filter((p) => !isMap(p)), (target, patch) => {
      expect(mergePatch(target, patch)).toEqual(patch);
    }));
  });

  it('keeps what the patch does not name, removes what it sets to null, takes the rest from the patch', () => {
    fc.assert(
      fc.property(document, document, (target, patch) => {
        const out = mergePatch(target, patch) as Record<string, unknown>;
        for (const [k, v] of Object.entries(target)) if (!(k in patch)) expect(out[k]).toEqual(v);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) expect(Object.hasOwn(out, k)).toBe(false);
          else if (!isMap(v)) expect(out[k]).toEqual(v); // lists and values replace
          else expect(isMap(out[k])).toBe(true); // maps merge
        }
      }),
    );
  });

  it('is idempotent, and changes neither input', () => {
    fc.assert(
      fc.property(document, document, (target, patch) => {
        const [t, p] = [structuredClone(target), structuredClone(patch)];
        const once = mergePatch(target, patch);
        expect(mergePatch(once, patch)).toEqual(once);
        expect([target, patch]).toEqual([t, p]);
      }),
    );
  });

  it('keeps the order of the keys it keeps, and adds new keys last (deterministic output)', () => {
    expect(Object.keys(mergePatch({ b: 1, a: 2, c: 3 }, { z: 0, a: 9, c: null }) as object)).toEqual(['b', 'a', 'z']);
  });
});
