#!/usr/bin/env node
// Launcher: the CLI is bundled into dist/ by `npm run bundle` (run automatically by `npm install`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('stackc: dist/cli.js is missing; run `npm run bundle` (or `npm install`) in the stackc checkout first\n');
  process.exit(3);
}
await import(cli.href);
