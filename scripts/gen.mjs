#!/usr/bin/env node
// Regenerates the ahead-of-time validator and the TypeScript types from the schema.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateTypes, generateValidator, typesPath, validatorPath } from './gen-lib.mjs';

for (const [path, content] of [
  [validatorPath, generateValidator()],
  [typesPath, await generateTypes()],
]) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote ${path.slice(process.cwd().length + 1)}`);
}

await import('./gen-rule-docs.mjs');
await (await import('./gen-docs.mjs')).writeReferenceDocs();
