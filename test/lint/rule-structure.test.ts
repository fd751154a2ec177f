// The shape of src/lint/rules/, checked by reading the source: rules let the engine walk the stack
// (src/lint/rule.ts: `service`, `container` and `resource` hooks) instead of looping over
// environments and services themselves, and share helpers through rules/support/ only, never by
// importing another rule.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/catalog/index.js';
import { root } from '../helpers.js';

const RULES_DIR = join(root, 'src/lint/rules');
const SUPPORT_DIR = join(RULES_DIR, 'support');
const ts = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
const ruleFiles = ts(RULES_DIR);
const supportFiles = ts(SUPPORT_DIR);

/** The code without whole-line comments (comments may name what the code must not do). */
const code = (text: string): string =>
  text
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .join('\n');

const ITERATE = '(map|flatMap|forEach|filter|find|findIndex|findLast|some|every|reduce|entries|values|keys|slice)';

/** What a rule file must not do to visit the stack itself, each with an example it catches. */
const LOOPS: { what: string; pattern: RegExp; example: string }[] = [
  { what: 'calls ctx.environments()', pattern: /\.environments\s*\(\s*\)/, example: 'for (const { services } of ctx.environments()) {' },
  { what: 'reads stack.views', pattern: /\.views\b/, example: 'for (const view of ctx.stack.views.values())' },
  { what: 'iterates stack.environments', pattern: /\bstack\.environments\b(?!\s*\[)/, example: 'ctx.stack.environments.map((e) => e.name)' },
  { what: 'loops over .services or .resources', pattern: /\bfor\s*\([^;]*?\bof\s+[\w.?!]*\.(services|resources)\s*\)/, example: 'for (const service of view.services) {' },
  { what: 'iterates .services or .resources', pattern: new RegExp(`\\.(services|resources)\\s*[?!]?\\.\\s*${ITERATE}\\s*\\(`), example: 'view.resources.filter((r) => r.external)' },
  { what: 'spreads .services or .resources', pattern: /\.\.\.\s*[\w.?!]*\.(services|resources)\b/, example: '[...view.services]' },
];

/** The modules a file imports (static and dynamic). */
const imports = (text: string): string[] => [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);

/** A relative import that lands on a rule module (rules/<id>.ts, not rules/support/). */
const importsRule = (file: string, spec: string): boolean => {
  if (!spec.startsWith('.')) return false;
  const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
  return dirname(target) === RULES_DIR;
};

describe('the structure checks themselves', () => {
  it.each(LOOPS)('catch a rule that $what', ({ pattern, example }) => expect(pattern.test(example)).toBe(true));

  it.each([
    'if (!compose.environments.includes(environment.name)) return;',
    'if (t.services && !t.services.includes(service.name)) return false;',
    'const used = new Set<string>(ctx.stack.ci?.services ?? []);',
    'if (environment === ctx.stack.environments[0]) noteCiVariables(ctx, service);',
    'const r = service.resources;',
  ])('let through what is not a loop over the stack: %s', (line) => expect(LOOPS.filter((l) => l.pattern.test(line)).map((l) => l.what)).toEqual([]));

  it('tell rule modules from support modules', () => {
    const rule = join(RULES_DIR, 'a-rule.ts');
    expect(importsRule(rule, './healthcheck-required.js')).toBe(true);
    expect(importsRule(rule, '../rules/healthcheck-required.js')).toBe(true);
    expect(importsRule(rule, './support/run-as.js')).toBe(false);
    expect(importsRule(rule, '../rule.js')).toBe(false);
    expect(importsRule(join(SUPPORT_DIR, 'x.ts'), '../stateful-storage.js')).toBe(true);
    expect(importsRule(join(SUPPORT_DIR, 'x.ts'), './quantities.js')).toBe(false);
  });
});

describe('src/lint/rules/', () => {
  it('holds one module per rule of the catalog, and support/ besides', () => {
    expect(ruleFiles.map((f) => relative(RULES_DIR, f).replace(/\.ts$/, '')).sort()).toEqual(RULES.map((r) => r.meta.id).sort());
    expect(supportFiles.length).toBeGreaterThan(0);
  });

  it.each(ruleFiles.map((f) => [relative(root, f), f]))('%s lets the engine visit environments, services and resources', (_name, file) => {
    const text = code(readFileSync(file, 'utf8'));
    expect(LOOPS.filter((l) => l.pattern.test(text)).map((l) => l.what)).toEqual([]);
  });

  it.each([...ruleFiles, ...supportFiles].map((f) => [relative(root, f), f]))('%s imports no rule module', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(imports(text).filter((spec) => importsRule(file, spec))).toEqual([]);
  });

  it.each(ruleFiles.map((f) => [relative(root, f), f]))('%s exports only its rule (shared helpers go to support/)', (_name, file) => {
    const text = code(readFileSync(file, 'utf8'));
    expect(text.match(/^export\s+(?!default\s+defineRule\()[^\n]*/gm) ?? []).toEqual([]);
    expect(text.match(/^export default defineRule\(/gm)).toHaveLength(1);
  });

  it.each(supportFiles.map((f) => [relative(root, f), f]))('%s does not walk environments itself', (_name, file) => {
    const text = code(readFileSync(file, 'utf8'));
    expect(LOOPS.slice(0, 3).filter((l) => l.pattern.test(text)).map((l) => l.what)).toEqual([]);
  });
});
