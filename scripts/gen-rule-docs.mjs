#!/usr/bin/env node
// Writes docs/rules/<id>.md and docs/rules/README.md from the rules' `meta` (the same Markdown
// `stackc explain` prints). test/rule-docs.test.ts fails when these files are stale.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(tmpdir(), `stackc-rule-docs-${process.pid}.mjs`);
await build({
  absWorkingDir: root,
  stdin: { contents: "export { RULES } from './src/lint/catalog/index.ts'; export { ruleMarkdown, rulesIndexMarkdown } from './src/lint/rule-docs.ts';", resolveDir: root, loader: 'ts' },
  outfile: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  logLevel: 'warning',
});
const { RULES, ruleMarkdown, rulesIndexMarkdown } = await import(pathToFileURL(out).href);
rmSync(out);

const dir = join(root, 'docs/rules');
mkdirSync(dir, { recursive: true });
const wanted = new Set(['README.md', ...RULES.map((r) => `${r.meta.id}.md`)]);
for (const name of readdirSync(dir)) if (!wanted.has(name)) rmSync(join(dir, name));
for (const rule of RULES) writeFileSync(join(dir, `${rule.meta.id}.md`), ruleMarkdown(rule));
writeFileSync(join(dir, 'README.md'), rulesIndexMarkdown(RULES));
console.log(`wrote docs/rules (${RULES.length} rules)`);
