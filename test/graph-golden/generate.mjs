#!/usr/bin/env node
// Regenerates the golden pictures in this directory: runs test/graph.test.ts with
// STACKC_UPDATE_GRAPH_GOLDEN=1, which writes every file before comparing. Delete a stale file by
// hand (the test lists them). Read `git diff test/graph-golden` before committing.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const result = spawnSync('npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', 'test/graph.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, STACKC_UPDATE_GRAPH_GOLDEN: '1' },
});
process.exit(result.status ?? 1);
