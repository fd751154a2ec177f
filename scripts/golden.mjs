#!/usr/bin/env node
// Regenerates golden files. Read `git diff` of what it changes before committing.
import { readFileSync, writeFileSync } from 'node:fs';
import { invalidCases, invalidDir, renderInvalidCase } from './golden-lib.mjs';

let changed = 0;
for (const name of invalidCases()) {
  const path = `${invalidDir}/${name}.expected.txt`;
  const next = renderInvalidCase(name);
  let previous = '';
  try {
    previous = readFileSync(path, 'utf8');
  } catch {}
  if (previous !== next) {
    writeFileSync(path, next);
    changed++;
    console.log(`updated fixtures/invalid/${name}.expected.txt`);
  }
}
console.log(`${changed} golden file(s) changed`);
