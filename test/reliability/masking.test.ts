// The masking check (issue 19, must show): every command and format, run on a stack full of
// secret-looking values (vendor tokens, URL credentials, literals under secret names; in env, in
// environment overrides, in a compose file to import), prints none of them whole: not on stdout,
// not on stderr, not in a report file, not in .env.example or the manifest. Only the generated
// files a build must copy a plain value into may hold one (and build warns about it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

/** Every value under test, by where it comes from; each is unique so a hit names its leak. */
const SECRETS = {
  stripe: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
  github: 'ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7c',
  fly: 'fo1_Qw3rTy6uIo9pAs2dFg5hJk8lZx1cVb4nMq7wEr0tYu3',
  aws: 'AKIAQ3EGRZ7XJ2LP4M5N',
  urlPassword: 'Xk29vLq7TzPw',
  password: 'Vb7nQ2xLw9PzKd',
  secret: 'Rt5yU8iO1pA3sDfG',
  productionPassword: 'Lm4kJ7hG2fD9sAq',
  productionUrlPassword: 'Yh6tGb3vRf8eDc',
  // The head side of `diff --base`, and values only a hand edit put into a generated file.
  newPassword: 'Pq2wE5rT8yU1iO',
  newSecret: 'Zx9cV6bN3mK7jH',
  handEdited: 'Hq7wLp2xZv9RtY3k',
  handEditedToken: 'ghp_Zz9yXx8wVv7uTt6sRr5qPp4oNn3mLl2kJj1i',
} as const;

const stackText = (password: string, secret: string): string => `stack: 1
name: shop
environments:
  staging: { domain: staging.shop.example }
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/shop/api:1.0.0
    user: 1000
    ports: [8000]
    healthcheck: { http: /health }
    env:
      STRIPE_KEY: ${SECRETS.stripe}
      GH_TOKEN: ${SECRETS.github}
      FLY_API_TOKEN: ${SECRETS.fly}
      AWS_ACCESS_KEY_ID: ${SECRETS.aws}
      DATABASE_URL: postgres://app:${SECRETS.urlPassword}@db.internal:5432/app
      DB_PASSWORD: ${password}
      SESSION_SECRET: ${secret}
    environments:
      production:
        env:
          DB_PASSWORD: ${SECRETS.productionPassword}
          CACHE_URL: redis://default:${SECRETS.productionUrlPassword}@cache.internal:6379
targets:
  compose: {}
  kubernetes: {}
`;

const COMPOSE = `services:
  api:
    image: ghcr.io/shop/api:1.0.0
    ports: ["8000:8000"]
    environment:
      STRIPE_KEY: ${SECRETS.stripe}
      GH_TOKEN: ${SECRETS.github}
      FLY_API_TOKEN: ${SECRETS.fly}
      AWS_ACCESS_KEY_ID: ${SECRETS.aws}
      DATABASE_URL: postgres://app:${SECRETS.urlPassword}@db.internal:5432/app
      DB_PASSWORD: ${SECRETS.password}
      SESSION_SECRET: ${SECRETS.secret}
`;
// Refused by import (a port out of range), so that its code frame shows the lines above.
const BAD_COMPOSE = COMPOSE.replace('"8000:8000"', '"99999:8000"');
// Refused by validate and build: an unknown key next to the secrets, so the frame shows them.
const INVALID_STACK = stackText(SECRETS.password, SECRETS.secret).replace('    user: 1000\n', '    user: 1000\n    prots: [1]\n');

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });

/** The values of SECRETS that appear whole in `text`. */
const leaked = (text: string): string[] => Object.entries(SECRETS).filter(([, v]) => text.includes(v)).map(([k]) => k);

/** Files stackc wrote that are not generated deployment files: reports, the manifest, .env.example. */
const REPORTS = ['report.sarif', 'report.json', 'report.txt', 'graph.md', 'graph.dot', 'imported.yaml', '.env.example', '.env.production.example', '.stackc/manifest.json'];

describe('the masking check: no command prints a secret-looking value', () => {
  let dir: string;
  const seen: { command: string; leaks: string[] }[] = [];
  const check = (command: string, args: string[], status?: number[]) => {
    const r = runCli(args, dir);
    if (status) expect(status, `${command}: ${r.stderr}`).toContain(r.status);
    expect(r.stderr, command).not.toMatch(/internal error|\n\s+at /);
    seen.push({ command, leaks: leaked(r.stdout + r.stderr) });
  };

  beforeAll(() => {
    dir = tempDir();
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'stack.yaml'), stackText(SECRETS.password, SECRETS.secret));
    mkdirSync(join(dir, 'imp'));
    writeFileSync(join(dir, 'imp/compose.yaml'), COMPOSE);
    writeFileSync(join(dir, 'imp/bad.yaml'), BAD_COMPOSE);
    expect(runCli(['build'], dir).status).toBe(0);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    // The change under review: new values for two secrets.
    writeFileSync(join(dir, 'stack.yaml'), stackText(SECRETS.newPassword, SECRETS.newSecret));
  }, 60_000);

  it('validate, lint, graph, explain, build, import and diff, in every format', () => {
    check('validate', ['validate'], [0]);
    check('validate --format json', ['validate', '--format', 'json'], [0]);
    for (const format of ['pretty', 'json', 'sarif', 'github']) check(`lint --format ${format}`, ['lint', '--format', format], [0, 1]);
    check('lint --format sarif -o', ['lint', '--format', 'sarif', '-o', 'report.sarif'], [0, 1]);
    check('lint --format json -o', ['lint', '--format', 'json', '-o', 'report.json'], [0, 1]);
    check('lint -o', ['lint', '-o', 'report.txt'], [0, 1]);
    check('graph', ['graph'], [0]);
    check('graph --format dot', ['graph', '--format', 'dot', '-o', 'graph.dot'], [0]);
    check('graph -o graph.md', ['graph', '--env', 'production', '-o', 'graph.md'], [0]);
    for (const rule of ['no-secret-literal', 'known-secret-pattern', 'literal-secret']) check(`explain ${rule}`, ['explain', rule]);
    for (const format of ['text', 'json', 'markdown']) check(`diff --base main --format ${format}`, ['diff', '--base', 'main', '--format', format], [0]);
    check('build --dry-run', ['build', '--dry-run'], [0]);
    check('build --check (stale)', ['build', '--check'], [0, 1]);
    check('build', ['build'], [0]);
    check('build --check', ['build', '--check'], [0]);
    check('import', ['import', 'imp/compose.yaml', '-o', 'imported.yaml'], [0]);
    check('import (refused)', ['import', 'imp/bad.yaml', '-o', 'refused.yaml'], [2]);

    // Drift: hand edits put secrets into generated files, one of which no longer parses.
    const deployment = join(dir, 'deploy/kubernetes/overlays/production/deployment-api.yaml');
    const pairs = `          env:\n            - name: X_PASSWORD\n              value: ${SECRETS.handEdited}\n            - name: CI_TOKEN\n              value: "${SECRETS.handEditedToken}"\n`;
    writeFileSync(deployment, readFileSync(deployment, 'utf8').replace('kind: Deployment', 'kind: Deployment\n  broken: [unclosed').replace(/( +)ports:\n/, `${pairs}$1ports:\n`));
    writeFileSync(join(dir, 'compose.yaml'), readFileSync(join(dir, 'compose.yaml'), 'utf8').replace(/\n$/, `\n# API_PASSWORD=${SECRETS.handEdited}\n`));
    for (const format of ['text', 'json', 'markdown']) check(`diff --format ${format}`, ['diff', '--format', format], [0]);
    check('diff --summary', ['diff', '--summary'], [0]);

    // A stack that does not load: code frames of validate, build and lint.
    writeFileSync(join(dir, 'stack.yaml'), INVALID_STACK);
    check('validate (invalid)', ['validate'], [2]);
    check('validate --format json (invalid)', ['validate', '--format', 'json'], [2]);
    check('build (invalid)', ['build'], [2]);
    for (const format of ['pretty', 'json', 'sarif', 'github']) check(`lint --format ${format} (invalid)`, ['lint', '--format', format], [2]);

    const reports = REPORTS.filter((f) => existsSync(join(dir, f))).map((f) => ({ command: `file ${f}`, leaks: leaked(readFileSync(join(dir, f), 'utf8')) }));
    expect(reports.map((r) => r.command)).toEqual(expect.arrayContaining(['file report.sarif', 'file report.json', 'file graph.md', 'file imported.yaml', 'file .env.example', 'file .stackc/manifest.json']));
    expect([...seen, ...reports].filter((s) => s.leaks.length > 0)).toEqual([]);
    // The check can see a leak: the generated files do hold the plain values build had to copy.
    expect(leaked(readdirSync(dir).filter((f) => f === 'compose.yaml').map((f) => readFileSync(join(dir, f), 'utf8')).join(''))).toContain('newPassword');
  }, 120_000);
});
