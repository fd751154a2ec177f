#!/usr/bin/env node
// After `tsc -p tsconfig.lib.json`: keeps only the declarations a consumer of the library can reach
// from dist/types/src/index.d.ts. tsc writes one for every module the library's code imports (300
// files, most of them internal and reachable by no public type); each is a file installed for
// nothing. A reachable file that is missing would break consumers' type-checking, which
// test/package.test.ts checks (skipLibCheck off). Reports on stderr: `npm pack --json` owns stdout.
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = fileURLToPath(new URL('../dist/types', import.meta.url));
const entry = join(types, 'src/index.d.ts');

/** Relative module specifiers in a declaration file: `from './x.js'`, `import('./x.js')`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
const declarationOf = (from, specifier) => resolve(dirname(from), specifier.replace(/\.js$/, '.d.ts'));

const reachable = new Set();
const pending = [entry];
while (pending.length) {
  const file = pending.pop();
  if (reachable.has(file)) continue;
  reachable.add(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) pending.push(declarationOf(file, specifier));
}

const all = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? all(join(dir, name)) : [join(dir, name)]));
let removed = 0;
for (const file of all(types)) {
  if (reachable.has(file)) continue;
  rmSync(file);
  removed++;
}
// Directories left empty go too.
const prune = (dir) => {
  for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isDirectory()) prune(join(dir, name));
  if (dir !== types && readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
};
prune(types);
process.stderr.write(`prune-types: kept ${reachable.size} declaration files of ${reachable.size + removed} (${relative(process.cwd(), types)})\n`);
