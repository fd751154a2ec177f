// `stackc diff` end to end: a temporary git repository, the real CLI (bin/stackc.cjs, bundled by the
// global setup), every output format.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isMap, parseDocument } from 'yaml';
import { ALL_TARGETS, git, json, repository, stack } from './diff-helpers.js';
import { runCli } from './helpers.js';

describe('stackc diff --base (a temporary git repository)', () => {
  let dir: string;
  beforeAll(() => {
    dir = repository(stack()); // comparing refs needs no generated files on disk
  });
  afterEach(() => {
    git(dir, 'checkout', '-q', '--', '.');
    git(dir, 'clean', '-fdq');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => writeFileSync(join(dir, 'stack.yaml'), text);

  it('no change: exit 0 and "no changes", with --exit-code too', () => {
    const text = runCli(['diff', '--base', 'main'], dir);
    expect(text).toMatchObject({ status: 0, stderr: '' });
    expect(text.stdout).toBe('stackc diff: main (' + git(dir, 'rev-parse', '--short=7', 'HEAD').trim() + ') → working tree\nno changes\n');
    const markdown = runCli(['diff', '--base', 'main', '--exit-code', '--format', 'markdown'], dir);
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toContain('**No changes**');
    const out = runCli(['diff', '--base', 'main', '--exit-code', '--format', 'json'], dir);
    expect(out.status).toBe(0);
    expect(json(out.stdout)).toMatchObject({ changed: false, resources: [], files: [], risky: [] });
  });

  it('a replica change and a new env var: exit 1, the Deployment and the replica change named in every format', () => {
    write(stack({ productionReplicas: 5, extraEnv: { FEATURE_FLAGS: 'beta' } }));
    const line = 'Deployment api (production): spec.replicas 3 → 5';

    const text = runCli(['diff', '--base', 'main', '--exit-code'], dir);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(`~ ${line}`);
    // The ConfigMap's name follows its content (api-env-<hash>): one ConfigMap changed, name included.
    expect(text.stdout).toMatch(/^ {2}~ ConfigMap api-env \(staging, production\): metadata\.name api-env-[0-9a-f]{10} → api-env-[0-9a-f]{10}$/m);
    expect(text.stdout).toContain('~ ConfigMap api-env (staging, production): + data.FEATURE_FLAGS = beta');
    expect(text.stdout).toContain('~ compose service api (production): deploy.replicas 3 → 5');
    expect(text.stdout).toMatch(/^-  replicas: 3\n\+  replicas: 5$/m); // the unified diff of the Deployment

    const markdown = runCli(['diff', '--base', 'main', '--exit-code', '--format', 'markdown'], dir);
    expect(markdown.status).toBe(1);
    expect(markdown.stdout).toContain(`! ${line}`);
    expect(markdown.stdout).toContain('<details><summary><code>deploy/kubernetes/overlays/production/deployment-api.yaml</code>');
    expect(markdown.stdout).toContain('| kubernetes |');

    const out = runCli(['diff', '--base', 'main', '--exit-code', '--format', 'json'], dir);
    expect(out.status).toBe(1);
    const report = json(out.stdout);
    expect(report.changed).toBe(true);
    expect(report.resources).toContainEqual(
      expect.objectContaining({ label: 'Deployment api', type: 'Deployment', action: 'change', environments: ['production'], changes: expect.arrayContaining([expect.objectContaining({ path: 'spec.replicas', action: 'change', before: 3, after: 5, text: 'spec.replicas 3 → 5' })]) }),
    );
    expect(report.resources).toContainEqual(expect.objectContaining({ label: 'ConfigMap api-env', changes: [expect.objectContaining({ path: 'metadata.name', action: 'change' }), expect.objectContaining({ path: 'data.FEATURE_FLAGS', action: 'add', after: 'beta' })] }));
    expect(report.risky).toEqual([]);
  });

  it('moving the environments to another namespace is flagged, naming the backing services that start empty', () => {
    write(stack().replace('kubernetes: { namespace: pazpaz }', 'kubernetes: { namespace: pazpaz, namespacePerEnvironment: false }'));
    const report = json(runCli(['diff', '--base', 'main', '--format', 'json', '--target', 'kubernetes'], dir).stdout);
    expect(report.risky.map((r) => [r.rule, r.environments])).toEqual([
      ['namespace-changed', ['staging']],
      ['namespace-changed', ['production']],
    ]);
    expect(report.risky[0]!.message).toMatch(/^objects move from namespace pazpaz-staging to pazpaz: .*StatefulSet (db, StatefulSet cache|cache, StatefulSet db) start with empty volumes in pazpaz/);
  });

  it('a removed backing service is flagged as data loss', () => {
    write(stack({ cache: false }));
    const report = json(runCli(['diff', '--base', 'main', '--format', 'json'], dir).stdout);
    const loss = report.risky.filter((r) => r.rule === 'data-loss');
    expect(loss.map((r) => r.resource)).toEqual(['compose service cache', 'compose volume cache-data', 'StatefulSet cache']);
    expect(loss.find((r) => r.resource === 'StatefulSet cache')!.environments).toEqual(['staging', 'production']);
    expect(report.resources).toContainEqual(expect.objectContaining({ label: 'StatefulSet cache', action: 'remove' }));

    const text = runCli(['diff', '--base', 'main', '--summary'], dir).stdout;
    expect(text.indexOf('Risky changes (')).toBeLessThan(text.indexOf('Summary:')); // risky changes come first
    expect(text).toContain('! data loss: StatefulSet cache removed');

    // Markdown shows the architecture before and after (from `stackc graph`), unless --no-graph.
    const markdown = runCli(['diff', '--base', 'main', '--format', 'markdown'], dir).stdout;
    expect(markdown).toContain('```mermaid');
    expect(markdown.match(/```mermaid/g)!.length).toBeGreaterThanOrEqual(2);
    expect(markdown.indexOf('```mermaid')).toBeLessThan(markdown.indexOf('#### Resources'));
    expect(runCli(['diff', '--base', 'main', '--format', 'markdown', '--no-graph'], dir).stdout).not.toContain('```mermaid');
  });

  it('a replica change alone draws no architecture graph', () => {
    write(stack({ productionReplicas: 5 }));
    expect(runCli(['diff', '--base', 'main', '--format', 'markdown'], dir).stdout).not.toContain('```mermaid');
  });

  it('a reordered stack.yaml: no changes, although the generated bytes differ', () => {
    const all = repository(stack({ targets: ALL_TARGETS }));
    const doc = parseDocument(stack({ targets: ALL_TARGETS }));
    const reverse = (node: unknown) => {
      if (isMap(node)) node.items.reverse();
    };
    reverse(doc.contents);
    for (const section of ['services', 'resources', 'targets', 'environments']) {
      const map = doc.get(section);
      if (section !== 'services' && section !== 'environments') reverse(map); // the order of services and environments means something
      if (isMap(map)) for (const item of map.items) reverse(item.value);
    }
    writeFileSync(join(all, 'stack.yaml'), doc.toString());
    const r = runCli(['diff', '--base', 'main', '--exit-code'], all);
    rmSync(all, { recursive: true, force: true });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^no changes \(\d+ files differ only in comments, whitespace or ordering\)$/m);
  });

  it('summarises resources of every target kind', () => {
    const all = repository(stack({ targets: ALL_TARGETS }));
    writeFileSync(join(all, 'stack.yaml'), stack({ targets: ALL_TARGETS, extraEnv: { FEATURE_FLAGS: 'beta' }, webOutput: 'build', lint: true }));
    const report = json(runCli(['diff', '--base', 'main', '--format', 'json'], all).stdout);
    rmSync(all, { recursive: true, force: true });
    const find = (label: string) => report.resources.find((r) => r.label === label);
    expect(find('compose service api')).toMatchObject({ type: 'service', changes: [expect.objectContaining({ path: 'environment.FEATURE_FLAGS', action: 'add' })] });
    expect(find('ConfigMap api-env')).toMatchObject({ type: 'ConfigMap', target: 'kubernetes' });
    expect(find('workflow job ci/test')).toMatchObject({ type: 'job', target: 'github-actions' });
    expect(find('fly backend/fly.production.toml')).toMatchObject({ changes: [expect.objectContaining({ path: 'env.FEATURE_FLAGS' })] });
    expect(find('railway backend/railway.production.env')).toMatchObject({ changes: [expect.objectContaining({ path: 'FEATURE_FLAGS' })] });
    expect(find('vercel frontend/vercel.json')).toMatchObject({ changes: [expect.objectContaining({ path: 'outputDirectory', before: 'dist', after: 'build' })] });
  });
});
