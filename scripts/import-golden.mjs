#!/usr/bin/env node
// Regenerates fixtures/import/<project>/expected/ (stack.yaml and import-output.txt) from the
// import corpus. Read `git diff` of what it changes before committing.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'stackc-import-golden-'));
try {
  const bundle = join(scratch, 'golden.mjs');
  await build({ entryPoints: [join(root, 'src/import/golden.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundle, packages: 'external', logLevel: 'warning', absWorkingDir: root });
  const { corpusProjects, renderGolden } = await import(pathToFileURL(bundle).href);
  const corpus = join(root, 'fixtures/import');
  let changed = 0;
  for (const name of corpusProjects(corpus)) {
    for (const [file, content] of renderGolden(join(corpus, name))) {
      const path = join(corpus, name, 'expected', file);
      let previous;
      try {
        previous = readFileSync(path, 'utf8');
      } catch {}
      if (previous === content) continue;
      mkdirSync(join(corpus, name, 'expected'), { recursive: true });
      writeFileSync(path, content);
      changed++;
      console.log(`updated fixtures/import/${name}/expected/${file}`);
    }
  }
  console.log(`${changed} import golden file(s) changed`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
