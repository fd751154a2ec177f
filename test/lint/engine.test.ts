// The engine's promises, with small made-up rules so they hold whatever the catalog contains.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineOf } from '../../src/lint/baseline.js';
import { runLint, type LintInput } from '../../src/lint/engine.js';
import { defineRule, type AnyRule } from '../../src/lint/rule.js';
import suppressionReason from '../../src/lint/rules/suppression-reason.js';
import unusedSuppression from '../../src/lint/rules/unused-suppression.js';
import { loadStackFile } from '../../src/load/load-stack.js';
import { snapshotTree } from '../helpers.js';
import { makeProject } from './harness.js';

const docs = { why: 'Because a test needs a rule with a long enough reason.', fix: 'Fix it.' };

/** Reports every service that has no `user`, at the service key; workers (no ports) as warnings. */
const needsUser = defineRule({
  meta: { id: 'needs-user', description: 'x', category: 'security', severity: 'error', scopes: ['model'], docs, peers: [], securitySeverity: 5, options: { allowed: { type: 'string[]', default: [], description: 'names allowed to skip it' } } },
  service(ctx, { service: s }) {
    if (s.user || ctx.options.allowed.includes(s.name)) return;
    ctx.report({ message: `service \`${s.name}\` has no user`, at: { path: s.path, key: true }, ...(s.ports.length ? {} : { severity: 'warn' as const }) });
  },
});

/** Reports a planted token in `.env` at its position, as a secret. */
const TOKEN = 'ghp_R4nd0mLooking1234567890abcdefABCDEF';
const findsToken = defineRule({
  meta: { id: 'finds-token', description: 'x', category: 'secrets', severity: 'error', scopes: ['model'], docs, peers: [], securitySeverity: 9 },
  check(ctx) {
    ctx.report({ message: `token ${TOKEN} in .env`, hint: `revoke ${TOKEN}`, at: { file: '.env', line: 2, col: 7, endLine: 2, endCol: 7 + TOKEN.length, pointer: 'github-pat' }, secret: TOKEN });
  },
});

const offByDefault = defineRule({
  meta: { id: 'off-by-default', description: 'x', category: 'cost', severity: 'off', scopes: ['model'], docs, peers: [] },
  check(ctx) {
    ctx.report({ message: 'always', at: { path: ['name'] } });
  },
});

const CATALOG: AnyRule[] = [needsUser, offByDefault, unusedSuppression, suppressionReason];
const WITH_TOKEN: AnyRule[] = [...CATALOG, findsToken];

async function lint(files: Record<string, string>, extra: Partial<LintInput> = {}) {
  const dir = makeProject(files);
  const loaded = loadStackFile(join(dir, 'stack.yaml'), dir);
  if (!loaded.stack || !loaded.source) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return runLint({ stack: loaded.stack, source: loaded.source, cwd: dir, catalog: CATALOG, ...extra });
}

const stack = (services: string, lint = '') => `stack: 1\nname: shop\nservices:\n${services}${lint}`;
const live = (r: Awaited<ReturnType<typeof lint>>) => r.findings.filter((f) => !f.suppressed && !f.baselined).map((f) => `${f.line}:${f.col} ${f.severity} ${f.ruleId}`);

describe('findings', () => {
  it('a problem in every environment is one finding, at the key, capped at the rule level', async () => {
    const r = await lint({
      'stack.yaml': stack('  api:\n    image: a:1\n    ports: [80]\n  worker:\n    image: a:1\n', 'environments:\n  development: {}\n  production: {}\n'.replace(/^/, '')),
    });
    expect(live(r)).toEqual(['4:3 error needs-user', '7:3 warn needs-user']);
  });

  it('levels come from the preset, then lint.rules, then --rule', async () => {
    const files = { 'stack.yaml': stack('  api:\n    image: a:1\n    ports: [80]\n', 'lint:\n  preset: strict\n  rules:\n    needs-user: info\n') };
    const r = await lint(files);
    expect(live(r)).toEqual(['2:7 warn off-by-default', '4:3 info needs-user']);
    const flagged = await lint(files, { levels: new Map([['needs-user', 'off']]) });
    expect(live(flagged)).toEqual(['2:7 warn off-by-default']);
  });

  it('rule options are read from [level, { options }]', async () => {
    const r = await lint({ 'stack.yaml': stack('  api:\n    image: a:1\n', 'lint:\n  rules:\n    needs-user: [error, { allowed: [api] }]\n') });
    expect(live(r)).toEqual([]);
  });
});

describe('rule hooks', () => {
  const files = {
    'stack.yaml': [
      'stack: 1',
      'name: shop',
      'environments:\n  development: {}\n  production: {}',
      'services:',
      '  api:\n    image: a:1\n    ports: [80]',
      '  web:\n    static: { root: ./web }',
      '  worker:\n    image: a:1\n    environments: { development: { enabled: false } }',
      'resources:\n  db: { type: postgres }',
      '',
    ].join('\n'),
  };
  /** A rule that records the hooks the engine calls, in order, in its state. */
  const recorder = (severity: 'off' | 'warn' = 'warn') => {
    const runs: string[][] = [];
    const rule = defineRule({
      meta: { id: 'recorder', description: 'x', category: 'lint', severity, scopes: ['model'], docs, peers: [], options: { prefix: { type: 'string', default: '', description: 'x' } } },
      state: (ctx) => {
        const calls = [`state ${ctx.options.prefix}`];
        runs.push(calls);
        return { calls };
      },
      service(ctx, { service, environment }) {
        ctx.state.calls.push(`service ${environment.name}/${service.name}`);
      },
      container(ctx, { service, environment }) {
        ctx.state.calls.push(`container ${environment.name}/${service.name} (${ctx.instances(service.name).map((i) => i.environment.name).join(',')})`);
      },
      resource(ctx, { resource, environment }) {
        ctx.state.calls.push(`resource ${environment.name}/${resource.name}`);
      },
      check(ctx) {
        ctx.state.calls.push('check');
      },
    });
    return { rule, runs };
  };

  it('calls service, container (not for static sites), resource, then check, with fresh state each run', async () => {
    const { rule, runs } = recorder();
    await lint(files, { catalog: [rule] });
    await lint(files, { catalog: [rule] });
    const calls = [
      'state ',
      'service development/api',
      'container development/api (development,production)',
      'service development/web',
      'service production/api',
      'container production/api (development,production)',
      'service production/web',
      'service production/worker',
      'container production/worker (production)',
      'resource development/db',
      'resource production/db',
      'check',
    ];
    expect(runs).toEqual([calls, calls]);
  });

  it('calls nothing, not even state, for a rule that is off', async () => {
    const { rule, runs } = recorder('off');
    await lint(files, { catalog: [rule] });
    expect(runs).toEqual([]);
  });

  it('names the rule when a hook throws', async () => {
    const rule = defineRule({
      meta: { id: 'throws', description: 'x', category: 'lint', severity: 'warn', scopes: ['model'], docs, peers: [] },
      container() {
        throw new Error('boom');
      },
    });
    await expect(lint(files, { catalog: [rule] })).rejects.toThrow('lint rule `throws` failed: boom');
  });

  it('types options and state from the definition', () => {
    defineRule({
      meta: { id: 'typed', description: 'x', category: 'lint', severity: 'warn', scopes: ['model'], docs, peers: [], options: { min: { type: 'number', default: 2, description: 'x' } } },
      state: () => ({ seen: new Set<string>() }),
      container(ctx, { service }) {
        const min: number = ctx.options.min;
        ctx.state.seen.add(`${service.name}:${min}`);
        // @ts-expect-error -- a misspelt option is a compile error
        void ctx.options.mni;
        // @ts-expect-error -- options are numbers where the spec says so
        const wrong: string = ctx.options.min;
        void wrong;
      },
    });
    defineRule({
      meta: { id: 'untyped', description: 'x', category: 'lint', severity: 'warn', scopes: ['model'], docs, peers: [] },
      check(ctx) {
        // @ts-expect-error -- a rule without options has none
        void ctx.options.anything;
      },
    });
  });
});

describe('configuration errors', () => {
  it('an unknown rule in lint.rules is an error at its key, with a suggestion', async () => {
    const r = await lint({ 'stack.yaml': stack('  api:\n    image: a:1\n', 'lint:\n  rules:\n    need-user: off\n') });
    expect(r.findings).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ severity: 'error', code: 'unknown-rule', message: 'there is no lint rule `need-user`', hint: 'did you mean `needs-user`?', at: { line: 8, col: 5 } }]);
  });

  it('unknown and mistyped options are errors at the option', async () => {
    const r = await lint({ 'stack.yaml': stack('  api:\n    image: a:1\n', 'lint:\n  rules:\n    needs-user: [warn, { allowd: [api], }]\n') });
    expect(r.diagnostics).toMatchObject([{ code: 'invalid-rule-options', message: 'options of `needs-user`: unknown option `allowd`', hint: 'did you mean `allowed`?', at: { line: 8, col: 26 } }]);
    const typed = await lint({ 'stack.yaml': stack('  api:\n    image: a:1\n', 'lint:\n  rules:\n    needs-user: [warn, { allowed: api }]\n') });
    expect(typed.diagnostics).toMatchObject([{ message: 'options of `needs-user`: `allowed` must be a list of strings', at: { line: 8, col: 35 } }]);
  });
});

describe('inline suppressions', () => {
  const services = [
    '  api:   # stackc-disable-line needs-user -- the image drops privileges itself',
    '    image: a:1',
    '    ports: [80]',
    '  # stackc-disable-next-line needs-user -- vendor image, tracked in OPS-1',
    '  # (a second comment line between the directive and its line is fine)',
    '  worker:',
    '    image: a:1',
    '  # stackc-disable needs-user -- legacy jobs, being rewritten',
    '  cron:',
    '    image: a:1',
    '  batch:',
    '    image: a:1',
    '  # stackc-enable needs-user',
    '  mail:',
    '    image: a:1',
    '',
  ].join('\n');

  it('disable-line, disable-next-line and disable/enable blocks each cover their lines only', async () => {
    const r = await lint({ 'stack.yaml': stack(services) });
    expect(live(r)).toEqual(['17:3 warn needs-user']);
    expect(r.findings.filter((f) => f.suppressed).map((f) => [f.line, f.suppressed!.reason])).toEqual([
      [4, 'the image drops privileges itself'],
      [9, 'vendor image, tracked in OPS-1'],
      [12, 'legacy jobs, being rewritten'],
      [14, 'legacy jobs, being rewritten'],
    ]);
  });

  it('--no-inline-suppressions shows everything', async () => {
    const r = await lint({ 'stack.yaml': stack(services) }, { inlineSuppressions: false });
    expect(live(r)).toHaveLength(5);
  });

  it('suppressions work in other files the findings are in, and unknown rule names are reported', async () => {
    const r = await lint({ 'stack.yaml': stack('  api:\n    image: a:1\n    user: "1"\n'), '.env': `# stackc-disable-next-line finds-token, finds-tokens -- a revoked demo token\nTOKEN=${TOKEN}\n` }, { catalog: WITH_TOKEN });
    expect(r.findings.find((f) => f.ruleId === 'finds-token')?.suppressed).toMatchObject({ kind: 'inSource', reason: 'a revoked demo token' });
    expect(live(r)).toEqual(['1:1 warn unused-suppression']);
    expect(r.findings.find((f) => f.ruleId === 'unused-suppression')?.message).toBe('`stackc-disable-next-line` names `finds-tokens`, which is not a rule');
  });
});

describe('secrets', () => {
  it('never appear in messages, hints or code frames; the finding shows a prefix and the length', async () => {
    const r = await lint({ 'stack.yaml': stack('  api:\n    image: a:1\n    user: "1"\n'), '.env': `# local\nTOKEN=${TOKEN}\n` }, { catalog: WITH_TOKEN });
    const f = r.findings.find((x) => x.ruleId === 'finds-token')!;
    expect(f.message).toBe(`token ghp_R4nd…(${TOKEN.length} chars) in .env`);
    expect(f.hint).toBe(`revoke ghp_R4nd…(${TOKEN.length} chars)`);
    expect(f.redacted).toBe(`ghp_R4nd…(${TOKEN.length} chars)`);
    expect(r.sources.get('.env')).toContain(`TOKEN=${TOKEN.slice(0, 8)}${'*'.repeat(TOKEN.length - 8)}`);
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });
});

describe('fingerprints and the baseline', () => {
  it('fingerprints do not change when lines move, and differ between places', async () => {
    const a = await lint({ 'stack.yaml': stack('  api:\n    image: a:1\n    ports: [80]\n  worker:\n    image: a:1\n') });
    const b = await lint({ 'stack.yaml': `# a comment that moves everything down\n\n${stack('  worker:\n    image: a:1\n  api:\n    ports: [80]\n    image: a:1\n')}` });
    const prints = (r: typeof a) => Object.fromEntries(r.findings.map((f) => [f.message, f.fingerprint]));
    expect(prints(b)).toEqual(prints(a));
    expect(new Set(Object.values(prints(a))).size).toBe(2);
  });

  it('findings in the baseline are not counted', async () => {
    const files = { 'stack.yaml': stack('  api:\n    image: a:1\n    ports: [80]\n  worker:\n    image: a:1\n') };
    const first = await lint(files);
    const api = first.findings.find((f) => f.message.includes('api'))!;
    const r = await lint(files, { baseline: baselineOf([{ rule: 'needs-user', file: 'stack.yaml', pointer: api.pointer, fingerprint: api.fingerprint }]) });
    expect(live(r)).toEqual(['7:3 warn needs-user']);
    expect(r.findings.find((f) => f.message.includes('api'))?.baselined).toBe(true);
  });
});

describe('lint.ignore', () => {
  it('drops findings in files matching the globs', async () => {
    const r = await lint({ 'stack.yaml': stack('  api:\n    image: a:1\n    user: "1"\n', 'lint:\n  ignore: ["*.env", ".env"]\n'), '.env': `TOKEN=${TOKEN}\n` }, { catalog: WITH_TOKEN });
    expect(live(r)).toEqual([]);
  });
});

describe('rendering targets for artifact rules', () => {
  const counts = (pluginTargetsOnly: boolean) => {
    const seen: number[] = [];
    const rule = defineRule({
      meta: { id: 'counts-artifacts', description: 'x', category: 'portability', severity: 'warn', scopes: ['artifacts'], pluginTargetsOnly, docs, peers: [] },
      check(ctx) {
        seen.push(ctx.artifacts().length);
      },
    });
    return { rule, seen };
  };
  const files = { 'stack.yaml': stack('  api:\n    image: a:1\n    user: "1"\n', 'targets:\n  compose: {}\n') };

  it('renders the targets in memory for rules that read them, and writes nothing', async () => {
    const { rule, seen } = counts(false);
    const dir = makeProject(files);
    const before = snapshotTree(dir);
    const loaded = loadStackFile(join(dir, 'stack.yaml'), dir);
    await runLint({ stack: loaded.stack!, source: loaded.source!, cwd: dir, catalog: [rule] });
    expect(seen).toEqual([1]); // compose.yaml
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('does not render for plugin-only rules when the stack has no plugin targets', async () => {
    const { rule, seen } = counts(true);
    await lint(files, { catalog: [rule] });
    expect(seen).toEqual([0]);
  });
});
