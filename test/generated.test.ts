import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM module shared with `npm run gen`
import { generateTypes, generateValidator, typesPath, validatorPath } from '../scripts/gen-lib.mjs';

describe('code generated from schema/stack.schema.json', () => {
  it('the checked-in validator matches the schema (run `npm run gen`)', () => {
    expect(readFileSync(validatorPath, 'utf8')).toBe(generateValidator());
  });

  it('the checked-in TypeScript types match the schema (run `npm run gen`)', async () => {
    expect(readFileSync(typesPath, 'utf8')).toBe(await generateTypes());
  });
});
