#!/usr/bin/env node
// `npm run fuzz`: the long campaign of the property and fuzz suites that `npm test` runs a slice of.
// A new seed each run (printed, so a failure can be replayed); counts printed at the end.
//
//   npm run fuzz                                   2,000 generated stacks, 10,000 mutated inputs, 20 CLI projects
//   STACKC_FUZZ_SEED=123 npm run fuzz              replay a campaign
//   STACKC_PROPERTY_RUNS=500 STACKC_FUZZ_RUNS=2000 npm run fuzz
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const seed = Number(process.env.STACKC_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const env = {
  ...process.env,
  STACKC_PROPERTY_RUNS: process.env.STACKC_PROPERTY_RUNS ?? '2000',
  STACKC_PROPERTY_SEED: String(seed),
  STACKC_FUZZ_RUNS: process.env.STACKC_FUZZ_RUNS ?? '10000',
  STACKC_FUZZ_CLI_RUNS: process.env.STACKC_FUZZ_CLI_RUNS ?? '20',
  STACKC_FUZZ_SEED: String(seed),
};
const dir = mkdtempSync(join(tmpdir(), 'stackc-fuzz-'));
env.STACKC_FUZZ_REPORT = join(dir, 'counts.jsonl');

console.log(`stackc fuzz: seed ${seed}; ${env.STACKC_PROPERTY_RUNS} generated stacks per property, ${env.STACKC_FUZZ_RUNS} mutated inputs, ${env.STACKC_FUZZ_CLI_RUNS} mutated CLI projects`);
const started = Date.now();
const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/vitest.config.ts', 'test/property', 'test/fuzz'], { cwd: root, env, stdio: 'inherit' });

const counts = existsSync(env.STACKC_FUZZ_REPORT)
  ? readFileSync(env.STACKC_FUZZ_REPORT, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
  : [];
rmSync(dir, { recursive: true, force: true });
console.log(`\nstackc fuzz: seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s`);
for (const c of counts) {
  const detail = c.detail ? `  (${Object.entries(c.detail).filter(([k]) => k !== 'inputs').map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
  console.log(`  ${String(c.count).padStart(7)}  ${c.label}${detail}`);
}
if (run.status !== 0) console.log(`\nfailed: replay with STACKC_FUZZ_SEED=${seed} npm run fuzz`);
process.exit(run.status ?? 1);
