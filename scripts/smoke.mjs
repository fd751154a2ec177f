#!/usr/bin/env node
// Smoke test of the published package on other Node versions: pack (or take a packed tarball),
// install it into an empty project, and run every command on a copy of fixtures/fullstack, then
// `npx` the tarball and import the library, all under the Node version asked for.
//
//   node scripts/smoke.mjs                          # this Node, packing the checkout
//   node scripts/smoke.mjs --node 22 --node 24      # Node 22 and 24 from the npm registry
//   node scripts/smoke.mjs --tarball stackc-0.1.0.tgz --node 24
//
// Packing runs `prepare`, which rebuilds dist/ in the checkout: while a test run is using dist/,
// pack first and pass --tarball (.ci/run does). Exit 0 when every check passed, 1 otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { registryNode } from './registry-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { tarball: { type: 'string' }, node: { type: 'string', multiple: true }, keep: { type: 'boolean' } } });
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const work = mkdtempSync(join(tmpdir(), 'stackc-smoke-'));
const quietNpm = { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_loglevel: 'error' };

const tarball = values.tarball ? resolve(values.tarball) : pack();
const nodes = values.node?.length ? values.node.map((major) => registryNode(major)) : [fileURLToPath(new URL('.', `file://${process.execPath}`))];
let failures = 0;
for (const bin of nodes) failures += smoke(bin);
if (!values.keep) rmSync(work, { recursive: true, force: true });
process.exit(failures ? 1 : 0);

function pack() {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', env: { ...process.env, ...quietNpm }, stdio: ['ignore', 'pipe', 'inherit'] });
  return join(work, JSON.parse(out)[0].filename);
}

/** Every check under the `node` in `bin`; returns the number of failed checks. */
function smoke(bin) {
  const probe = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` };
  const nodeVersion = spawnSync('node', ['--version'], { env: probe, encoding: 'utf8' }).stdout.trim();
  const base = join(work, nodeVersion);
  // The code cache bin/stackc.cjs writes after a run, in this Node's directory (not ~/.cache).
  const codeCache = join(base, 'code-cache');
  const env = { ...probe, ...quietNpm, NO_COLOR: '1', STACKC_CACHE_DIR: codeCache };
  const project = join(base, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke', private: true, type: 'module' }));
  process.stdout.write(`\nstackc ${version} on Node ${nodeVersion} (${bin})\n`);
  let failed = 0;
  const check = (name, run, ok) => {
    const started = performance.now();
    const result = run();
    const problem = result.status === null ? `killed (${result.signal})` : ok(result);
    const ms = Math.round(performance.now() - started);
    process.stdout.write(`  ${problem ? '✖' : '✔'} ${name} (${ms} ms)${problem ? `: ${problem}` : ''}\n`);
    if (problem) {
      failed++;
      process.stdout.write(`${indent(`exit ${result.status}\n${result.stdout}${result.stderr}`)}\n`);
    }
  };
  const run = (command, args, cwd) => () => spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  const exits = (...codes) => (r) => (codes.includes(r.status) && !/internal error/.test(r.stderr) ? '' : `exit ${r.status}, expected ${codes.join(' or ')}`);
  const and = (...tests) => (r) => tests.map((t) => t(r)).find(Boolean) ?? '';
  const says = (text) => (r) => (r.stdout.includes(text) ? '' : `stdout lacks ${JSON.stringify(text)}`);
  const json = (r) => { try { JSON.parse(r.stdout); return ''; } catch { return 'stdout is not JSON'; } };

  check('node', run('node', ['--version'], project), (r) => (r.stdout.trim() === nodeVersion ? '' : 'another node on PATH'));
  check('npm install <tarball>', run('npm', ['install', tarball, '--prefer-offline'], project), exits(0));
  const stackc = join(project, 'node_modules/.bin/stackc');
  // The fullstack example, without its expected output; a git repository, for `diff --base`.
  const app = join(project, 'app');
  for (const part of ['stack.yaml', 'backend', 'frontend']) cpSync(join(root, 'fixtures/fullstack', part), join(app, part), { recursive: true });
  const inApp = (...args) => run(stackc, args, app);
  const git = (...args) => execFileSync('git', ['-c', 'user.name=smoke', '-c', 'user.email=smoke@example.com', ...args], { cwd: app, stdio: 'ignore' });

  check('stackc --version', inApp('--version'), (r) => (r.stdout.trim() === version ? '' : `printed ${r.stdout.trim()}`));
  check('stackc --help', inApp('--help'), and(exits(0), says('Usage: stackc')));
  check('stackc validate', inApp('validate'), and(exits(0), says('valid')));
  check('stackc build', inApp('build'), exits(0));
  check('stackc build --check', inApp('build', '--check'), exits(0));
  check('stackc lint', inApp('lint'), exits(0, 1));
  check('stackc lint, from its code cache', inApp('lint'), and(exits(0, 1), () => (existsSync(join(codeCache, 'code-cache')) && readdirSync(join(codeCache, 'code-cache')).some((f) => f.startsWith('lint-')) ? '' : 'no code cache was written for lint')));
  check('stackc lint --format sarif', inApp('lint', '--format', 'sarif'), and(exits(0, 1), json));
  check('stackc rules --format json', inApp('rules', '--format', 'json'), and(exits(0), json));
  check('stackc explain non-root-user', inApp('explain', 'non-root-user'), exits(0));
  check('stackc diff', inApp('diff'), exits(0));
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'smoke');
  check('stackc diff --base HEAD', inApp('diff', '--base', 'HEAD', '--exit-code'), exits(0));
  check('stackc graph', inApp('graph', '--env', 'production'), and(exits(0), says('flowchart')));
  check('stackc graph --format dot', inApp('graph', '--format', 'dot'), and(exits(0), says('digraph')));
  check('stackc graph --format svg', inApp('graph', '--format', 'svg'), and(exits(0), says('</svg>')));
  check('stackc import', inApp('import', 'compose.yaml', '-o', 'imported/stack.yaml'), exits(0, 1));
  check('stackc schema', inApp('schema'), and(exits(0), json));
  const fresh = join(base, 'fresh');
  mkdirSync(fresh);
  check('stackc init', run(stackc, ['init', '--name', 'shop'], fresh), exits(0));
  check('stackc validate (bad input)', inApp('validate', '-f', 'missing.yaml'), exits(2));
  // The library, as `import ... from 'stackc'`.
  check('import from stackc', run('node', ['--input-type=module', '-e', "import { version, loadStack, lint } from 'stackc'; const l = loadStack('app/stack.yaml'); if (!l.ok) process.exit(1); console.log(version, (await lint(l)).rules.length);"], project), and(exits(0), says(version)));
  // npx, as users run it without installing: its own cache, so no earlier tarball of the same
  // version is reused.
  const npxHome = join(base, 'npx');
  mkdirSync(npxHome);
  check('npx stackc --version', () => spawnSync('npx', ['--yes', '--package', tarball, 'stackc', '--version'], { cwd: npxHome, encoding: 'utf8', env: { ...env, npm_config_cache: join(npxHome, '.cache') }, timeout: 120_000 }), (r) => (r.stdout.trim() === version ? '' : `printed ${JSON.stringify(r.stdout.trim())}`));
  return failed;
}

function indent(text) {
  return text.trimEnd().split('\n').map((line) => `      ${line}`).join('\n');
}
