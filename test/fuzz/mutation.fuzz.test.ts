// Mutation fuzzing: valid fixtures mutated (test/fuzz/mutate.ts) and run through validate, build
// and lint. In-process for volume (STACKC_FUZZ_RUNS inputs, default 300 in `npm test`, thousands in
// `npm run fuzz`); a few CLI runs prove exit codes, diagnostics, no stack trace and nothing written
// end to end. Every input is reproducible from STACKC_FUZZ_SEED and its index.
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_TARGETS } from '../../src/emit/registry.js';
import { markBuiltin, renderArtifacts } from '../../src/emit/render.js';
import { RULES } from '../../src/lint/catalog/index.js';
import { runLint } from '../../src/lint/engine.js';
import { loadStackFile, loadStackText } from '../../src/load/load-stack.js';
import { root, snapshotTree, tempDir } from '../helpers.js';
import { recordCount } from './counts.js';
import { mutate, rng } from './mutate.js';

markBuiltin(BUILTIN_TARGETS);

const RUNS = Number(process.env.STACKC_FUZZ_RUNS ?? 300);
const CLI_RUNS = Number(process.env.STACKC_FUZZ_CLI_RUNS ?? 3);
const SEED = Number(process.env.STACKC_FUZZ_SEED ?? 20240611);
/** A hang detector, not a speed target: any input must finish validate + build + lint well within this. */
const BOUND_MS = 5_000;

/** Valid stacks to mutate: the examples and every lint fixture's projects. */
const SOURCES = [
  ...['minimal', 'fullstack', 'saas', 'design-sketch', 'plugin-target'].map((f) => `fixtures/${f}`),
  ...readdirSync(join(root, 'fixtures/lint')).flatMap((rule) => ['bad', 'good'].map((k) => `fixtures/lint/${rule}/${k}`)),
].filter((dir) => existsSync(join(root, dir, 'stack.yaml')));

const counts: Record<string, number> = {};
const count = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
afterAll(() => recordCount('fuzz: mutated inputs (in-process)', counts.inputs ?? 0, counts));

/** One input through validate, build and lint in-process; throws (fails the test) on any crash. */
async function exercise(text: string, dir: string): Promise<void> {
  const loaded = loadStackText(text, { file: 'stack.yaml', root: join(root, dir) });
  if (!loaded.stack) {
    count('rejected');
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length, 'a rejected input has at least one error').toBeGreaterThan(0);
    for (const d of errors) {
      expect(d.message.trim().length, d.code).toBeGreaterThan(0);
      expect(d.code, d.message).toMatch(/^[a-z0-9/-]+$/);
      // Every error points into the file, at a line that exists.
      expect(d.at, `[${d.code}] ${d.message} has no position`).toBeDefined();
      const lines = text.split(/\r\n|\r|\n/).length;
      expect(d.at!.line >= 1 && d.at!.line <= lines + 1, `[${d.code}] at line ${d.at!.line} of ${lines}`).toBe(true);
    }
    return;
  }
  count('loaded');
  const result = renderArtifacts(resolveDeployment(loaded.stack).model, BUILTIN_TARGETS, { stackFile: 'stack.yaml' });
  count(result.problems.some((p) => p.severity === 'error') ? 'build-errors' : 'built');
  const lint = await runLint({ stack: loaded.stack, source: loaded.source!, cwd: join(root, dir), catalog: RULES, levels: new Map() });
  count(lint.diagnostics.some((d) => d.severity === 'error') ? 'lint-config-errors' : 'linted');
}

describe('mutation fuzzing (in-process)', () => {
  it(`${RUNS} mutated fixtures: validate, build and lint never throw, failures carry positioned diagnostics, each input finishes in bounded time`, { timeout: Math.max(30_000, RUNS * 200) }, async () => {
    const r = rng(SEED);
    for (let i = 0; i < RUNS; i++) {
      const dir = SOURCES[i % SOURCES.length]!;
      const original = readFileSync(join(root, dir, 'stack.yaml'), 'utf8');
      const { text, applied } = mutate(original, r);
      count('inputs');
      const started = performance.now();
      try {
        await exercise(text, dir);
      } catch (error) {
        throw new Error(`input #${i} (seed ${SEED}) from ${dir}, mutations ${applied.join(', ')}:\n${(error as Error).stack}\n--- input ---\n${text}`);
      }
      const ms = performance.now() - started;
      expect(ms, `input #${i} (${applied.join(', ')}) took ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
    }
  });

  it('byte-level damage (invalid UTF-8, NUL, BOM, truncation mid-character) is refused with a diagnostic by the file loader', () => {
    const r = rng(SEED + 1);
    const dir = tempDir();
    const original = Buffer.from(readFileSync(join(root, 'fixtures/fullstack/stack.yaml')));
    const damage = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82]), Buffer.from([0x00]), Buffer.from([0xfe, 0xff]), Buffer.from([0xf4, 0x90, 0x80, 0x80])];
    for (let i = 0; i < Math.max(40, RUNS / 5); i++) {
      const at = Math.floor(r() * original.length);
      const bytes = Buffer.concat([original.subarray(0, at), damage[i % damage.length]!, original.subarray(at)]);
      const file = join(dir, `input-${i}.yaml`);
      writeFileSync(file, bytes);
      const loaded = loadStackFile(file, dir);
      count('byte-inputs');
      if (loaded.stack) continue; // e.g. a byte inside a comment that still decodes
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length, `input-${i}`).toBeGreaterThan(0);
      for (const d of errors) expect(d.at, `[${d.code}] ${d.message}`).toBeDefined();
    }
  });
});

/** Runs the bundled CLI asynchronously, so a few inputs run side by side. */
function cli(args: string[], cwd: string): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin/stackc.cjs'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: performance.now() - started });
    });
  });
}

describe('mutation fuzzing (CLI, end to end)', () => {
  it(`${CLI_RUNS} mutated projects: validate, build and lint exit 0, 1 or 2, explain failures, print no stack trace, and build writes nothing on failure`, { timeout: Math.max(60_000, CLI_RUNS * 10_000) }, async () => {
    const r = rng(SEED + 2);
    const inputs = Array.from({ length: CLI_RUNS }, (_, i) => {
      const dir = SOURCES[(i * 7) % SOURCES.length]!;
      const project = tempDir();
      cpSync(join(root, dir), project, { recursive: true });
      const mutated = mutate(readFileSync(join(project, 'stack.yaml'), 'utf8'), r);
      writeFileSync(join(project, 'stack.yaml'), mutated.text);
      return { project, from: dir, ...mutated };
    });
    let spawned = 0;
    for (const input of inputs) {
      const label = `${input.from} + ${input.applied.join(', ')}`;
      const before = snapshotTree(input.project);
      const runs = await Promise.all([cli(['validate'], input.project), cli(['lint'], input.project), cli(['build', '--dry-run'], input.project)]);
      spawned += runs.length;
      for (const run of runs) {
        expect([0, 1, 2], `${label}: exit ${run.status}\n${run.stderr}`).toContain(run.status);
        expect(run.stderr, label).not.toMatch(/\n\s+at [^\n]*:\d+:\d+\)?\n|internal error/);
        if (run.status === 2) expect(run.stderr, label).toMatch(/error/);
      }
      expect(snapshotTree(input.project), `${label}: validate, lint and --dry-run write nothing`).toEqual(before);
      const build = await cli(['build'], input.project);
      spawned++;
      expect([0, 2], `${label}: build exit ${build.status}\n${build.stderr}`).toContain(build.status);
      expect(build.stderr, label).not.toMatch(/\n\s+at [^\n]*:\d+:\d+\)?\n|internal error/);
      if (build.status !== 0) expect(snapshotTree(input.project), `${label}: a failed build writes nothing`).toEqual(before);
    }
    recordCount('fuzz: CLI processes (mutated projects)', spawned);
  });
});
