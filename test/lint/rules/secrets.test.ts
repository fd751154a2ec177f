// Edge cases of the secrets rules: what they report, where, with which words, and what they leave
// alone. Every token below is invented for these tests and matches a vendor's format only in shape.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers.js';
import { classifySecretValue, isWeakValue } from '../../../src/vocabulary/secret-values.js';
import { scanSecrets } from '../../../src/vocabulary/secret-patterns.js';
import { shellReads } from '../../../src/lint/rules/support/shell.js';
import type { LintResult } from '../../../src/lint/engine.js';
import { lintFiles, makeProject, where } from '../harness.js';

const GITHUB_TOKEN = 'ghp_Vn3qT8xLk2RwZ6mYp9sBc4HdJ7fGa1Eu5oKi';
const STRIPE_LIVE = 'sk_live_Qw7Rt2Yx9Lp4Mn8Bv3Zc6Kd1';
const SESSION_SECRET = 'hT9rV2mQ7xK4pL8wZ3nB6c';

const MINIMAL = 'stack: 1\nname: shop\nservices:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n';
const of = (result: LintResult, rule: string) => result.findings.filter((f) => f.ruleId === rule && !f.suppressed);
/** Everything a formatter could print: findings, sources (code frames), rules. */
const printable = (result: LintResult): string => JSON.stringify({ ...result, sources: [...result.sources] });

describe('the issue\'s scenario: a literal token in env and a tracked .env', () => {
  const files = {
    'stack.yaml': `stack: 1
name: shop
environments:
  development: {}
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/acme/api:1.4.2
    ports: [8000]
    env:
      LOG_LEVEL: info
      GITHUB_TOKEN: ${GITHUB_TOKEN}
      SESSION_SECRET: ${SESSION_SECRET}
`,
    '.env': `# copied from the wiki\nSTRIPE_SECRET_KEY=${STRIPE_LIVE}\n`,
    '.gitignore': 'node_modules/\n',
  };

  it('finds every violation at its line and never prints a secret in full', async () => {
    const result = await lintFiles(files, { git: true });
    expect(where(result, 'known-secret-pattern').sort()).toEqual(['.env:2 known-secret-pattern', 'stack.yaml:12 known-secret-pattern']);
    expect(where(result, 'no-secret-literal')).toEqual(['stack.yaml:13 no-secret-literal']);
    expect(where(result, 'secret-files-untracked')).toEqual(['.env:1 secret-files-untracked']);
    const github = of(result, 'known-secret-pattern').find((f) => f.file === 'stack.yaml')!;
    expect(github.message).toBe('GitHub personal access token `ghp_Vn3q…(40 chars)` in stack.yaml');
    expect(github.col).toBe(21);
    expect(github.redacted).toBe('ghp_Vn3q…(40 chars)');
    expect(of(result, 'known-secret-pattern').find((f) => f.file === '.env')!.message).toBe('Stripe live secret key `sk_live_…(32 chars)` in .env');
    const text = printable(result);
    for (const secret of [GITHUB_TOKEN, STRIPE_LIVE, SESSION_SECRET]) expect(text).not.toContain(secret);
    // Code frames keep their columns: the prefix, then one `*` per hidden character.
    expect(result.sources.get('.env')).toContain(`STRIPE_SECRET_KEY=sk_live_${'*'.repeat(STRIPE_LIVE.length - 8)}`);
  });

  it('exits 1 through the CLI, in every format, without the secrets', () => {
    const dir = makeProject(files, { git: true });
    for (const format of ['pretty', 'json', 'sarif', 'github']) {
      const run = runCli(['lint', '--format', format], dir);
      expect(run.status, `${format}: ${run.stderr}`).toBe(1);
      for (const secret of [GITHUB_TOKEN, STRIPE_LIVE, SESSION_SECRET]) expect(run.stdout + run.stderr).not.toContain(secret);
    }
  });
});

// Which names are secret-like (the `lint` policy): test/vocabulary/secret-names.test.ts.

describe('value kinds', () => {
  it.each([
    ['', 'empty'], ['<your token>', 'placeholder'], ['{{ .Token }}', 'placeholder'], ['$API_TOKEN', 'placeholder'], ['${API_TOKEN:-x}', 'placeholder'],
    ['op://shop/api/token', 'reference'], ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:api', 'reference'], ['/run/secrets/api', 'path'],
    ['true', 'setting'], ['3600', 'setting'], ['0', 'setting'], ['123456', 'weak'], ['15m', 'setting'], ['postgres', 'weak'], ['changeme', 'weak'], ['dev-secret', 'weak'], ['Password123', 'weak'],
    ['django-insecure-8f3k2j', 'weak'], ['your-api-key-here', 'weak'], ['https://u:p4ss@h.example', 'url-credentials'], [GITHUB_TOKEN, 'vendor-token'],
    ['https://auth.shop.example/oauth/token', 'url'], [SESSION_SECRET, 'literal'], ['mysql-prod-8f3k2j9x', 'literal'],
  ])('%j is %s', (value, kind) => expect(classifySecretValue(value)).toBe(kind));

  it('a password equal to its user is weak', () => {
    expect(isWeakValue('shop', 'shop')).toBe(true);
    expect(isWeakValue('shop', 'app')).toBe(false);
  });
});

describe('no-secret-literal', () => {
  const stack = (env: string, extra = '') => `stack: 1
name: shop
environments:
  development: {}
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/acme/api:1.4.2
    env:
${env}${extra}`;

  it('says what to do and never quotes the value', async () => {
    const result = await lintFiles({ 'stack.yaml': stack(`      SESSION_SECRET: ${SESSION_SECRET}\n`) });
    const [f] = of(result, 'no-secret-literal');
    expect(f).toMatchObject({ line: 10, message: '`SESSION_SECRET` of `api` is a secret written into stack.yaml (`hT9rV…(22 chars)`)', severity: 'error' });
    expect(f!.hint).toContain('under `secrets:` of `api`');
    expect(f!.hint).not.toContain(SESSION_SECRET);
  });

  it('leaves weak defaults to weak-credentials: allowed in development, reported once elsewhere', async () => {
    const devOnly = await lintFiles({ 'stack.yaml': stack('      ADMIN_PASSWORD: admin\n', '    environments:\n      production:\n        env: { ADMIN_PASSWORD: null }\n') });
    expect(where(devOnly, 'no-secret-literal')).toEqual([]);
    expect(where(devOnly, 'weak-credentials')).toEqual([]);
    const everywhere = await lintFiles({ 'stack.yaml': stack('      ADMIN_PASSWORD: admin\n') });
    expect(where(everywhere, 'no-secret-literal')).toEqual([]);
    expect(where(everywhere, 'weak-credentials')).toEqual(['stack.yaml:10 weak-credentials']);
    expect(of(everywhere, 'weak-credentials')[0]!.message).toBe('`ADMIN_PASSWORD` of `api` is a well-known weak password in environment `production`');
  });

  it('reports the override where it is written, and only in the environment that has it', async () => {
    const result = await lintFiles({ 'stack.yaml': stack('      LOG_LEVEL: info\n', `    environments:\n      production:\n        env: { API_TOKEN: ${SESSION_SECRET} }\n`) });
    expect(where(result, 'no-secret-literal')).toEqual(['stack.yaml:13 no-secret-literal']);
  });

  it('treats values made of ${environment.*} as references, not literals', async () => {
    const result = await lintFiles({ 'stack.yaml': stack('      COOKIE_SECRET_NAME: x\n      SESSION_KEY: ${environment.name}\n') });
    expect(where(result, 'no-secret-literal')).toEqual([]);
  });

  it('reads ENV and ARG defaults of the run stage only', async () => {
    const result = await lintFiles({
      'stack.yaml': 'stack: 1\nname: shop\nservices:\n  api:\n    build: ./api\n    image: ghcr.io/acme/api\n',
      'api/Dockerfile': `FROM node:20 AS build\nARG NPM_TOKEN=${SESSION_SECRET}\nRUN npm ci\nFROM node:20-slim\nENV API_KEY ${SESSION_SECRET}\nUSER node\n`,
    });
    expect(where(result, 'no-secret-literal')).toEqual(['api/Dockerfile:5 no-secret-literal']);
    expect(of(result, 'no-secret-literal')[0]).toMatchObject({ col: 13, pointer: 'ENV API_KEY' });
  });
});

describe('known-secret-pattern', () => {
  it('scans stack.yaml and Dockerfiles outside git too, but no other file', async () => {
    const result = await lintFiles({
      'stack.yaml': `stack: 1\nname: shop\n# old: ${GITHUB_TOKEN}\nservices:\n  api:\n    build: ./api\n    image: ghcr.io/acme/api\n`,
      'api/Dockerfile': `FROM node:20-slim\nRUN curl -H "Authorization: token ${GITHUB_TOKEN.replace('Vn3q', 'Wm4r')}" https://api.github.com\n`,
      'notes.txt': STRIPE_LIVE,
    });
    expect(where(result, 'known-secret-pattern')).toEqual(['api/Dockerfile:2 known-secret-pattern', 'stack.yaml:3 known-secret-pattern']);
  });

  it('does not read untracked or ignored files in a repository', async () => {
    const result = await lintFiles(
      { 'stack.yaml': MINIMAL, 'draft.md': STRIPE_LIVE, 'local.env': STRIPE_LIVE, '.gitignore': 'local.env\n' },
      { git: true, untracked: ['draft.md'] },
    );
    expect(where(result, 'known-secret-pattern')).toEqual([]);
  });

  it('skips documented examples and stand-ins', () => {
    const text = [
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'NEXT_PUBLIC_FIREBASE_API_KEY=AIzaSyB9dQ2xLr7vTz4KpWm8sYc3NbJd6HgAe1R',
      // jwt.io's sample token
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
      'id = 3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    ].join('\n');
    expect(scanSecrets(text, 'README.md')).toEqual([]);
    // The same Google key given to the server is reported.
    expect(scanSecrets('MAPS_API_KEY=AIzaSyB9dQ2xLr7vTz4KpWm8sYc3NbJd6HgAe1R').map((m) => m.pattern.id)).toEqual(['google-api-key']);
    // The deploy tokens of stackc's own platforms (issue 19, item 11).
    expect(scanSecrets('FLY_API_TOKEN=fo1_Qx7vR2mK9pL4sT8wZ3nB6cF1hJ5dG0aE-yU_iO7rW2q').map((m) => m.pattern.id)).toEqual(['flyio-token']);
    expect(scanSecrets(`DIGITALOCEAN_TOKEN=dop_v1_${'3f9a7c1e5b8d2f40'.repeat(4)}`).map((m) => m.pattern.id)).toEqual(['digitalocean-token']);
  });

  it('reports a private key from its BEGIN line to its END line', () => {
    const body = Array.from({ length: 4 }, (_, i) => `MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC${i}x7Kq2Lm9Rv4Tz8Wp3Ns6Yb1Hd5Jf0Gc`).join('\n');
    const [m] = scanSecrets(`key: |\n  -----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`, 'config.yaml');
    expect(m).toMatchObject({ line: 2, col: 3, endLine: 7 });
    expect(m!.pattern.id).toBe('private-key');
  });

  it('makes a Stripe test key a warning, and ignores it in test files', async () => {
    const key = 'sk_test_Hn4Kq8Vr2Xz6Lm9Pw3Bt7Cy5';
    const result = await lintFiles(
      { 'stack.yaml': MINIMAL, 'src/pay.js': `const k = '${key}';\n`, 'tests/pay.test.js': `const k = '${key}';\n` },
      { git: true },
    );
    expect(of(result, 'known-secret-pattern').map((f) => [f.file, f.severity])).toEqual([['src/pay.js', 'warn']]);
  });

  it('skips Supabase anon keys, reports service-role ones', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = (role: string) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'supabase', role, iat: 1700000000 })}.Qm8Lx2Vr7Tz4KpWm8sYc3NbJd6HgAe1`;
    expect(scanSecrets(`SUPABASE_ANON_KEY=${jwt('anon')}`)).toEqual([]);
    expect(scanSecrets(`SUPABASE_SERVICE_ROLE_KEY=${jwt('service_role')}`).map((m) => m.pattern.id)).toEqual(['jwt']);
  });
});

describe('no-url-credentials', () => {
  const stack = (env: string, url: string) => `stack: 1
name: shop
environments:
  ${env}: {}
services:
  api:
    image: ghcr.io/acme/api:1.4.2
    env:
      DATABASE_URL: ${url}
  db:
    image: postgres:17
`;

  it('allows a laptop password for a local host in development only', async () => {
    expect(where(await lintFiles({ 'stack.yaml': stack('development', 'postgresql://postgres:postgres@db:5432/shop') }), 'no-url-credentials')).toEqual([]);
    expect(where(await lintFiles({ 'stack.yaml': stack('staging', 'postgresql://postgres:postgres@db:5432/shop') }), 'no-url-credentials')).toEqual(['stack.yaml:9 no-url-credentials']);
    // A real-looking password is reported even in development.
    expect(where(await lintFiles({ 'stack.yaml': stack('development', 'postgresql://shop:Tq8vX2mL9r@db:5432/shop') }), 'no-url-credentials')).toEqual(['stack.yaml:9 no-url-credentials']);
  });

  it('names scheme, user and host, never the password', async () => {
    const result = await lintFiles({ 'stack.yaml': stack('production', 'redis://default:Tq8vX2mL9rW4@cache.shop.example:6379') });
    const [f] = of(result, 'no-url-credentials');
    expect(f!.message).toBe('`DATABASE_URL` of `api` has a password in its URL (`redis://default:Tq8…(12 chars)@cache.shop.example`)');
    expect(printable(result)).not.toContain('Tq8vX2mL9rW4');
  });

  it('skips references and placeholders for the password', async () => {
    for (const url of ['postgresql://shop:$${DB_PASSWORD}@db/shop', 'postgresql://shop:$DB_PASSWORD@db/shop', 'postgresql://shop:<password>@db/shop']) {
      expect(where(await lintFiles({ 'stack.yaml': stack('production', url) }), 'no-url-credentials'), url).toEqual([]);
    }
  });
});

describe('secret-files-untracked', () => {
  it('says nothing outside a git repository', async () => {
    const result = await lintFiles({ 'stack.yaml': MINIMAL, '.env': 'SECRET_KEY=x\n' });
    expect(where(result, 'secret-files-untracked')).toEqual([]);
  });

  it('tells how to untrack, and warns about an unignored file', async () => {
    const result = await lintFiles({ 'stack.yaml': MINIMAL, '.env': 'A=1\n', 'id_ed25519': 'x\n', 'id_ed25519.pub': 'ssh-ed25519 AAAA\n', '.env.local': 'A=2\n' }, { git: true, untracked: ['.env.local'] });
    expect(of(result, 'secret-files-untracked').map((f) => `${f.file}:${f.line}:${f.col} ${f.severity}`)).toEqual(['.env:1:1 error', '.env.local:1:1 warn', 'id_ed25519:1:1 error']);
    expect(of(result, 'secret-files-untracked')[0]!.hint).toContain('`git rm --cached .env`');
    expect(of(result, 'secret-files-untracked')[1]!.hint).toContain('to .gitignore');
  });

  it('finds Compose-style `*.env` files that hold a secret value, not those with plain settings (issue 19, item 14)', async () => {
    const result = await lintFiles(
      { 'stack.yaml': MINIMAL, 'backend.env': 'DEBUG=1\nDATABASE_PASSWORD=s3cr3t-value\n', 'web.env': 'PORT=8080\nAPI_TOKEN=${API_TOKEN}\n', 'db.env': 'POSTGRES_PASSWORD=\n' },
      { git: true, untracked: ['web.env'] },
    );
    expect(of(result, 'secret-files-untracked').map((f) => `${f.file} ${f.severity}`)).toEqual(['backend.env error']);
    expect(of(result, 'secret-files-untracked')[0]!.message).toContain('an env file with secret values');
  });

  it('takes allowFileNames from the config', async () => {
    const result = await lintFiles(
      { 'stack.yaml': `${MINIMAL}lint:\n  rules:\n    secret-files-untracked: [error, { allowFileNames: [.env.ci] }]\n`, '.env.ci': 'CI=1\n' },
      { git: true },
    );
    expect(where(result, 'secret-files-untracked')).toEqual([]);
  });
});

describe('weak-credentials', () => {
  it('reports images that run without authentication outside development', async () => {
    const result = await lintFiles({
      'stack.yaml': 'stack: 1\nname: shop\nenvironments:\n  local: {}\n  staging: {}\nservices:\n  pg:\n    image: postgres:17\n    env:\n      POSTGRES_HOST_AUTH_METHOD: trust\n',
    });
    expect(of(result, 'weak-credentials').map((f) => f.message)).toEqual(['`POSTGRES_HOST_AUTH_METHOD: trust` of `pg` lets anyone connect without a password in environment `staging`']);
  });
});

describe('secret-references', () => {
  it('knows what the CI job sets from the default environment\'s services: a CI step may read it', async () => {
    const stack = `stack: 1\nname: shop\nservices:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    env:\n      DB_PASSWORD: \${resources.db.password}\nresources:\n  db: { type: postgres }\nci:\n  services: [db]\n  steps: { test: echo $DB_PASSWORD }\ntargets:\n  github-actions: {}\n`;
    expect(of(await lintFiles({ 'stack.yaml': stack }), 'secret-references')).toEqual([]);
    // A variable nothing sets is still reported.
    const unknown = of(await lintFiles({ 'stack.yaml': stack.replace('echo $DB_PASSWORD', 'echo $API_TOKEN') }), 'secret-references');
    expect(unknown.map((f) => f.message)).toEqual(['`$API_TOKEN` in CI step `test` is empty: the generated CI job passes no secrets to `ci.steps`']);
  });

  it('reads shell expansions the way a shell does', () => {
    expect(shellReads('curl -H "Bearer $API_TOKEN" ${BASE:-x} \'$LITERAL\' && TOKEN=$(cat /run/secrets/t) use "$TOKEN" ${REQUIRED_KEY:?set it}')).toEqual(['API_TOKEN', 'REQUIRED_KEY']);
  });

  it('counts an ENV of the Dockerfile as declared, and checks nothing unused without targets', async () => {
    const result = await lintFiles({
      'stack.yaml': 'stack: 1\nname: shop\nservices:\n  api:\n    build: ./api\n    image: ghcr.io/acme/api\n    command: [sh, -c, "exec app --key \\"$LICENSE_KEY\\" --token \\"$API_TOKEN\\""]\n    secrets: [UNUSED_SECRET]\n',
      'api/Dockerfile': 'FROM node:20-slim\nENV LICENSE_KEY=/etc/app/license\nUSER node\n',
    });
    expect(of(result, 'secret-references').map((f) => f.message)).toEqual(['`$API_TOKEN` in the command of `api` is empty: `api` declares no `API_TOKEN`']);
  });
});

describe('high-entropy-literal', () => {
  const files = (preset: string) => ({ 'stack.yaml': `stack: 1\nname: shop\nlint: { preset: ${preset} }\nservices:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    env:\n      BLOB: Zx8Kq2Lm9Rv4Tz8Wp3Ns6Yb1Hd5Jf0Gc\n` });

  it('is off in recommended and informational in strict', async () => {
    expect(where(await lintFiles(files('recommended')), 'high-entropy-literal')).toEqual([]);
    const strict = await lintFiles(files('strict'));
    expect(of(strict, 'high-entropy-literal').map((f) => [f.line, f.severity])).toEqual([[8, 'info']]);
  });
});
