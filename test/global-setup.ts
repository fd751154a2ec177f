import { execFileSync } from 'node:child_process';

/** Bundles the CLI so tests exercise the current source through bin/stackc.js. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
}
