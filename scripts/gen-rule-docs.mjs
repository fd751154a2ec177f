#!/usr/bin/env node
// Writes docs/rules/<id>.md and docs/rules/README.md from the rules' `meta` (the same Markdown
// `stackc explain` prints). test/rule-docs.test.ts fails when these files are stale.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from './import-ts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { RULES, ruleMarkdown, rulesIndexMarkdown } = await importTs("export { RULES } from './src/lint/catalog/index.ts'; export { ruleMarkdown, rulesIndexMarkdown } from './src/lint/rule-docs.ts';");

const dir = join(root, 'docs/rules');
mkdirSync(dir, { recursive: true });
const wanted = new Set(['README.md', ...RULES.map((r) => `${r.meta.id}.md`)]);
for (const name of readdirSync(dir)) if (!wanted.has(name)) rmSync(join(dir, name));
for (const rule of RULES) writeFileSync(join(dir, `${rule.meta.id}.md`), ruleMarkdown(rule));
writeFileSync(join(dir, 'README.md'), rulesIndexMarkdown(RULES));
console.log(`wrote docs/rules (${RULES.length} rules)`);
