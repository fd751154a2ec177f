#!/usr/bin/env node
// Regenerates golden files. Read `git diff` of what it changes before committing.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildFixtures, expectedDir, invalidCases, invalidDir, readExpected, renderFixtureBuild, renderInvalidCase } from './golden-lib.mjs';

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

for (const name of buildFixtures()) {
  const next = renderFixtureBuild(name);
  const previous = readExpected(name);
  const same = previous.size === next.size && [...next].every(([p, c]) => previous.get(p) === c);
  if (same) continue;
  rmSync(expectedDir(name), { recursive: true, force: true });
  for (const [path, content] of next) {
    const file = `${expectedDir(name)}/${path}`;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  changed++;
  console.log(`updated fixtures/${name}/expected/ (${next.size} files)`);
}
console.log(`${changed} golden set(s) changed`);
