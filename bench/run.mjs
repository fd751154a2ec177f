#!/usr/bin/env node
// `npm run bench`: start-up and throughput of the commands users wait on, as ratios against bare
// `node -e 0` measured in the same run. Prints a table and writes bench/results.json.
// Targets (docs/performance.md): lint ≤ 1.3× bare Node on the fullstack fixture.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compare } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 9);
execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, stdio: 'inherit' });

const cli = ['bin/stackc.js'];
const fullstack = ['-f', 'fixtures/fullstack/stack.yaml'];
const results = [
  { ...compare('stackc lint (fullstack)', [...cli, 'lint', ...fullstack], { runs, cwd: root }), target: 1.3 },
  compare('stackc validate (fullstack)', [...cli, 'validate', ...fullstack], { runs, cwd: root }),
  compare('stackc --version', [...cli, '--version'], { runs, cwd: root }),
];

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
const width = Math.max(...results.map((r) => r.name.length));
console.log(`\n${'benchmark'.padEnd(width)}   median   node -e 0   ratio   target   peak RSS`);
for (const r of results) {
  const target = r.target === undefined ? '' : `${r.ratio <= r.target ? '✔' : '✖'} ≤${r.target}×`;
  console.log(`${r.name.padEnd(width)}  ${`${r.ms} ms`.padStart(7)}  ${`${r.baselineMs} ms`.padStart(10)}  ${`${r.ratio}×`.padStart(6)}  ${target.padEnd(7)}  ${r.peakRssMiB ?? '?'} MiB`);
}
console.log(`\n${runs} runs each, medians; ${machine.cpus} × ${machine.cpu}, Node ${machine.node}`);
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ machine, runs, results }, null, 2)}\n`);
