// docs/rules is generated from each rule's meta; a stale page fails here (run `npm run gen`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/lint/catalog/index.js';
import { ruleMarkdown, rulesIndexMarkdown } from '../src/lint/rule-docs.js';
import { root } from './helpers.js';

const dir = join(root, 'docs/rules');

describe('docs/rules', () => {
  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s.md matches the rule meta', (id, rule) => {
    const file = join(dir, `${id}.md`);
    expect(existsSync(file), `${file} is missing: run npm run gen`).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(ruleMarkdown(rule));
  });

  it('the index lists every rule and there is no page for a rule that does not exist', () => {
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(rulesIndexMarkdown(RULES));
    expect(readdirSync(dir).sort()).toEqual(['README.md', ...RULES.map((r) => `${r.meta.id}.md`)].sort());
  });

  it('rule ids are unique kebab-case and every rule documents why and how to fix', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.meta.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(r.meta.docs.why.length, r.meta.id).toBeGreaterThan(40);
      expect(r.meta.docs.fix.length, r.meta.id).toBeGreaterThan(10);
      if (r.meta.category === 'security' || r.meta.category === 'secrets') expect(r.meta.securitySeverity, `${r.meta.id} needs securitySeverity`).toBeDefined();
    }
  });
});
