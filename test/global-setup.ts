import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

/** Bundles the CLI so tests exercise the current source through bin/stackc.cjs; removes the run's code cache at the end (vitest.config.ts). */
export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
  const cache = process.env.STACKC_CACHE_DIR;
  return () => {
    if (cache?.includes('stackc-test-cache-')) rmSync(cache, { recursive: true, force: true });
  };
}
