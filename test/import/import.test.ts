// Unit tests of the importer's parts, and of `runImport` in-process (the CLI end to end is in
// cli.test.ts, enabled once `import` is registered in src/cli/main.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/commands/import.js';
import type { Output } from '../../src/cli/output.js';
import { plain } from '../../src/diagnostics/format.js';
import { UserError } from '../../src/diagnostics/diagnostic.js';
import { parseDotenv } from '../../src/import/dotenv.js';
import { importCompose } from '../../src/import/index.js';
import { interpolateString } from '../../src/import/interpolate.js';
import { maskSecretText } from '../../src/vocabulary/mask-secret-text.js';
import { defaultComposeFiles } from '../../src/import/read.js';
import { secretReason } from '../../src/import/secrets.js';
import { splitShellWords } from '../../src/import/shell-words.js';
import { loadStackText } from '../../src/load/load-stack.js';
import { tempDir } from '../helpers.js';

const lookup = (vars: Record<string, string>) => (n: string) => vars[n];

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function importText(compose: string, extra: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  const dir = project({ 'compose.yaml': compose, ...extra });
  const result = importCompose({ files: ['compose.yaml'], cwd: dir, output: join(dir, 'stack.yaml'), processEnv: env });
  const data = result.text ? (loadStackText(result.text, { file: 'stack.yaml', root: dir }).source!.data as Record<string, any>) : undefined;
  return { result, data, dir };
}

function capture(): Output & { stdout: string; stderr: string } {
  const o = { stdout: '', stderr: '', palette: plain, out: (t: string) => void (o.stdout += `${t}\n`), err: (t: string) => void (o.stderr += `${t}\n`) };
  return o;
}

describe('interpolation', () => {
  it('supports the forms Compose does', () => {
    const env = lookup({ SET: 'x', EMPTY: '' });
    expect(interpolateString('${SET}-$SET-${UNSET}', env).value).toBe('x-x-');
    expect(interpolateString('${EMPTY:-d} ${EMPTY-d} ${UNSET-d}', env).value).toBe('d  d');
    expect(interpolateString('${SET:+alt}${UNSET:+alt}', env).value).toBe('alt');
    expect(interpolateString('$${SET} $$SET', env).value).toBe('${SET} $SET');
    expect(interpolateString('${UNSET:-${SET}}', env).value).toBe('x');
    expect(interpolateString('${UNSET:?set it}', env).error).toEqual({ name: 'UNSET', message: 'set it' });
    expect(interpolateString('${EMPTY?must}', env).error).toBeUndefined();
  });
});

describe('.env files', () => {
  it('reads quotes, export, comments and interpolation like Compose', () => {
    const r = parseDotenv('# c\nexport A=1\nB="two\\nlines" # c\nC=\'$A literal\'\nD=${A}-x # comment\nE=a#b\nbad line\n');
    expect(Object.fromEntries(r.entries.map((e) => [e.name, e.value]))).toEqual({ A: '1', B: 'two\nlines', C: '$A literal', D: '1-x', E: 'a#b' });
    expect(r.problems).toEqual([{ line: 7, message: 'expected `NAME=value`' }]);
  });
});

describe('shell words', () => {
  it('splits string commands as Compose does', () => {
    expect(splitShellWords(`sh -c "echo 'a b' \\"c\\"" d\\ e`)).toEqual(['sh', '-c', `echo 'a b' "c"`, 'd e']);
    expect(splitShellWords('a "unterminated')).toBeUndefined();
  });
});

describe('secrets', () => {
  it('detects secrets by name, value and interpolated variable; not flags, numbers or paths', () => {
    expect(secretReason('SECRET_KEY', 'abc', [])).toBe('name');
    expect(secretReason('WEBPASSWORD', 'changeit', [])).toBe('name');
    expect(secretReason('DATABASE_URL', 'postgres://u:p@db/x', [])).toBe('value');
    expect(secretReason('FOO', 'x', ['API_TOKEN'])).toBe('variable');
    expect(secretReason('PASSWORD_MIN_LENGTH', '12', [])).toBeUndefined();
    expect(secretReason('POSTGRES_PASSWORD_FILE', '/run/secrets/db', [])).toBeUndefined();
    expect(secretReason('EMAIL_PASSWORD', '', [])).toBeUndefined();
    expect(secretReason('LOG_LEVEL', 'info', [])).toBeUndefined();
  });
  it('masks a long line in one pass (a hostile stack file must not make a code frame hang)', () => {
    const value = `sk_live_${'a1B2c3D4'.repeat(25_000)}`;
    const masked = maskSecretText(`  STRIPE_KEY: ${value} # comment`);
    expect(masked.length).toBe(value.length + 24);
    expect(masked).not.toContain(value);
  });
  it('masks secret values in code frames', () => {
    expect(maskSecretText('  DB_PASSWORD: Zq8-rT5vX2\n  - API_TOKEN=abc8f3k2j9x\n  URL: postgres://u:pw-8f3k2j9x@db/x\n  REF: ${DB_PASSWORD}\n  secrets: [SECRET_KEY, API_TOKEN]')).toBe('  DB_PASSWORD: Zq********\n  - API_TOKEN=ab*********\n  URL: postgres://u:pw*********@db/x\n  REF: ${DB_PASSWORD}\n  secrets: [SECRET_KEY, API_TOKEN]');
  });
});

describe('importCompose', () => {
  it('keeps YAML 1.2 strings (ports, `no`) and reads octals as compose-go does', () => {
    const { result, data } = importText('services:\n  app:\n    image: app:1\n    restart: no\n    ports: [22:22, "8080:80"]\n    environment:\n      UMASK: 0022\n      VERSION: 1.10\n      ON: on\n');
    expect(data!.services.app.restart).toBe('no');
    expect(data!.services.app.ports).toEqual([22, '8080:80']);
    expect(data!.services.app.env).toEqual({ UMASK: '18', VERSION: '1.1', ON: 'on' });
    expect(result.text).toContain('restart: "no"');
    expect(result.notes.filter((n) => /reads as a number/.test(n.message))).toHaveLength(2);
  });

  it('keeps a migration waited for with service_completed_successfully a one-shot, and a portless server long-running', () => {
    const { result, data } = importText(
      'services:\n  migrate:\n    image: app:1\n    command: [alembic, upgrade, head]\n  worker:\n    image: app:1\n  api:\n    image: app:1\n    ports: ["8000:8000"]\n    depends_on:\n      migrate: { condition: service_completed_successfully }\n      worker: { condition: service_started }\n',
    );
    // Compose's default `no`: a one-shot, which stackc's Compose file waits for to complete, as the original did.
    expect(data!.services.migrate.restart).toBe('no');
    expect(result.notes.filter((n) => n.affects?.aspect === 'depends_on')).toEqual([]);
    // `no` would make the worker a one-shot too (a Kubernetes Job, waited for until it exits): on-failure keeps it running.
    expect(data!.services.worker.restart).toBe('on-failure');
    expect(result.notes.find((n) => n.message.startsWith('`worker` has no restart policy and no ports'))?.hint).toBe('if it is a one-shot (a migration), set `restart: "no"`');
    expect(data!.services.api.restart).toBe('no');
  });

  it('expands anchors and merge keys, and reports x- fields', () => {
    const { result, data } = importText('x-base: &base\n  image: app:1\n  environment: { A: "1" }\nservices:\n  web:\n    <<: *base\n    environment: { B: "2" }\n  worker:\n    <<: *base\n');
    expect(data!.services.web).toMatchObject({ image: 'app:1', env: { B: '2' } });
    expect(data!.services.worker).toMatchObject({ image: 'app:1', env: { A: '1' } });
    expect(result.notes.some((n) => n.message.includes('`x-base` was ignored'))).toBe(true);
  });

  it('interpolates from .env and the process environment (which wins); secrets keep their names only', () => {
    const { result, data } = importText('services:\n  api:\n    image: app:${TAG:-1}\n    environment:\n      LEVEL: ${LEVEL}\n      API_KEY: ${KEY}\n      REQUIRED: ${NEEDED:?set NEEDED}\n      PASSTHROUGH:\n', { '.env': 'TAG=2\nLEVEL=debug\nKEY=sk_live_abcdefghijkl\n' }, { TAG: '3' });
    expect(data!.services.api.image).toBe('app:3');
    expect(data!.services.api.env).toEqual({ LEVEL: 'debug' });
    expect(data!.services.api.secrets).toEqual(['API_KEY', 'REQUIRED', 'PASSTHROUGH']);
    expect(result.text).not.toContain('sk_live');
  });

  it('turns a well-known image into a resource and rewrites references to it', () => {
    const { data, result } = importText('services:\n  db:\n    image: postgres:16\n    environment: { POSTGRES_USER: app, POSTGRES_PASSWORD: pw, POSTGRES_DB: shop }\n    volumes: [db-data:/var/lib/postgresql/data]\n  api:\n    image: api:1\n    depends_on: [db]\n    environment:\n      DATABASE_URL: postgresql://app:pw@db:5432/shop\n      ASYNC_URL: postgresql+asyncpg://app:pw@db:5432/shop\n      DB_HOST: db\n      DB_PASSWORD: pw\n      OTHER_URL: postgresql://root:other@db:5432/shop\n      MAIL_USER: app\nvolumes:\n  db-data:\n');
    expect(data!.resources).toEqual({ db: { type: 'postgres', version: '16', database: 'shop' } });
    expect(data!.services.api.env).toEqual({
      DATABASE_URL: '${resources.db.url}',
      ASYNC_URL: 'postgresql+asyncpg://${resources.db.user}:${resources.db.password}@${resources.db.host}:${resources.db.port}/${resources.db.database}',
      DB_HOST: '${resources.db.host}',
      DB_PASSWORD: '${resources.db.password}',
      MAIL_USER: 'app', // same value as the database user, but not about the database
    });
    expect(data!.services.api.secrets).toEqual(['OTHER_URL']);
    expect(result.text).not.toMatch(/\bpw\b|other@/);
  });

  it('merges files with -f semantics', () => {
    const dir = project({ 'a.yaml': 'services:\n  web:\n    image: web:1\n    command: [a]\n    ports: ["80:80"]\n    environment: [A=1, B=2]\n', 'b.yaml': 'services:\n  web:\n    command: [b]\n    ports: ["443:443"]\n    environment: { B: "3" }\n' });
    const r = importCompose({ files: ['a.yaml', 'b.yaml'], cwd: dir, output: join(dir, 'stack.yaml'), processEnv: {} });
    const data = loadStackText(r.text!, { file: 'stack.yaml', root: dir }).source!.data as Record<string, any>;
    expect(data.services.web).toMatchObject({ command: ['b'], ports: [80, 443], env: { A: '1', B: '3' } });
  });

  it('reports what stack.yaml cannot express, at its position', () => {
    const { result } = importText('services:\n  vpn:\n    image: vpn:1\n    cap_add: [NET_ADMIN]\n    network_mode: host\n    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n');
    const lines = result.notes.filter((n) => n.severity === 'warning').map((n) => `${n.at.line}:${n.at.col} ${n.message.split(':')[0]}`);
    expect(lines).toEqual(['4:5 `cap_add` of `vpn` was not carried over', '5:5 `network_mode` of `vpn` was not carried over', '6:15 the bind mount of `/var/run/docker.sock` at `/var/run/docker.sock` in `vpn` was not carried over']);
  });

  it('maps profiles to environments', () => {
    const { data } = importText('services:\n  web:\n    image: web:1\n  tools:\n    image: tools:1\n    profiles: [debug]\n');
    expect(Object.keys(data!.environments)).toEqual(['development', 'debug']);
    expect(data!.services.tools).toMatchObject({ enabled: false, environments: { debug: { enabled: true } } });
  });

  it('finds the files Compose reads by default', () => {
    const dir = project({ 'compose.yaml': 'services: {}\n', 'compose.override.yaml': 'services: {}\n', 'docker-compose.yml': 'services: {}\n' });
    expect(defaultComposeFiles(dir)).toEqual(['compose.yaml', 'compose.override.yaml']);
  });
});

describe('runImport (in-process)', () => {
  it('writes stack.yaml, exits 1 when something was left out, and never overwrites without --force', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' });
    const o = capture();
    expect(await runImport({ files: [], cwd: dir }, o)).toBe(1);
    expect(o.stderr).toMatch(/^compose\.yaml:4:5 warning: `privileged` of `web` was not carried over: /m);
    expect(existsSync(join(dir, 'stack.yaml'))).toBe(true);
    await expect(runImport({ files: [], cwd: dir }, capture())).rejects.toThrow(UserError);
    expect(await runImport({ files: [], cwd: dir, force: true }, capture())).toBe(1);
  });

  it('exits 0 when everything was carried over', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n' });
    expect(await runImport({ files: [], cwd: dir }, capture())).toBe(0);
  });

  it.each([
    ['invalid YAML', 'services:\n  web:\n    image: [unclosed\n', /compose\.yaml:\d+:\d+: error: invalid YAML/],
    ['not a compose file', 'apiVersion: v1\nkind: Pod\n', /not a compose file.*\n[\s\S]*hint: this looks like a Kubernetes manifest/],
    ['a scalar document', 'hello\n', /not a compose file/],
  ])('bad input (%s) exits 2 with a positioned diagnostic and writes nothing', async (_, text, pattern) => {
    const dir = project({ 'compose.yaml': text });
    const o = capture();
    expect(await runImport({ files: [], cwd: dir }, o)).toBe(2);
    expect(o.stderr).toMatch(pattern);
    expect(existsSync(join(dir, 'stack.yaml'))).toBe(false);
  });

  it('does not print secret values in code frames', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  web:\n    environment:\n      DB_PASSWORD: hunter2\n    image: [oops\n' });
    const o = capture();
    expect(await runImport({ files: [], cwd: dir }, o)).toBe(2);
    expect(o.stderr).not.toContain('hunter2');
  });

  it('output is deterministic', async () => {
    const text = readFileSync(new URL('../../fixtures/import/netbox-docker/docker-compose.yml', import.meta.url), 'utf8');
    const dir = project({ 'compose.yaml': text });
    const run = () => importCompose({ files: ['compose.yaml'], cwd: dir, output: join(dir, 'stack.yaml'), processEnv: {} }).text;
    expect(run()).toBe(run());
  });
});

// stackc lint on imported stacks ("lints with only the findings the original deserves", issue #9):
// test/import/lint.test.ts, against the golden fixtures/import/<project>/expected/lint.txt.

// Compose files Compose itself refuses, and ones it accepts that once crashed import (issue 19, item 6).
describe('import of compose files at the edges', () => {
  const codes = (compose: string) => importText(compose).result.errors.map((e) => `${e.code} ${e.at?.line}:${e.at?.col}`);

  it('a port outside 1-65535 is an error at its line, not an internal error', () => {
    expect(codes('services:\n  web:\n    image: nginx:1.27\n    ports: ["99999:80"]\n')).toEqual(['compose-invalid 4:13']);
    expect(codes('services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 70000\n')).toEqual(['compose-invalid 5:9']);
  });

  it('a service depending on itself, and a depends_on cycle, are errors where they are written', () => {
    const errors = importText('services:\n  web:\n    image: nginx:1.27\n    depends_on: [web]\n  a:\n    image: nginx:1.27\n    depends_on: [b]\n  b:\n    image: nginx:1.27\n    depends_on: [a]\n').result.errors;
    expect(errors.map((e) => `${e.at?.line} ${e.message}`)).toEqual([
      '4 `web` depends on itself; Compose refuses it too',
      '10 depends_on makes a cycle: `a` → `b` → `a`; Compose refuses it too',
    ]);
  });

  it('`published: 0` and `"0:80"` (any free host port) import like a port without a host port', () => {
    for (const ports of ['    ports:\n      - target: 80\n        published: 0\n', '    ports: ["0:80"]\n']) {
      const { result, data } = importText(`services:\n  web:\n    image: nginx:1.27\n${ports}`);
      expect(result.errors).toEqual([]);
      expect(data!.services.web.ports).toEqual([80]);
    }
  });

  it('two services that run together publishing one host port: an error at the second, not an internal error', () => {
    expect(codes('services:\n  a:\n    image: nginx:1.27\n    ports: ["8080:80"]\n  b:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    profiles: [dev]\n')).toEqual(['compose-invalid 7:13']);
  });

  it('two services publishing one host port in different profiles import, one per environment', () => {
    const { result, data } = importText('services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    profiles: [prod]\n  webdev:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    profiles: [dev]\n');
    expect(result.errors).toEqual([]);
    expect(Object.keys(data!.environments)).toEqual(['development', 'prod', 'dev']);
  });
});

// The import report is complete (issue 19, item 13): whatever changes on the way says so.
describe('import reports every change', () => {
  const notesOf = (compose: string, extra: Record<string, string> = {}) => importText(compose, extra).result.notes.map((n) => `${n.at.line} ${n.severity}: ${n.message}`);

  it('a scalar `ports: 8080` (Compose wants a list) is an error at its line, not silently dropped', () => {
    for (const key of ['ports', 'expose', 'volumes']) {
      const errors = importText(`services:\n  web:\n    image: nginx:1.27\n    ${key}: 8080\n`).result.errors;
      expect(errors.map((e) => `${e.code} ${e.at?.line}:${e.at?.col} ${e.message}`)).toEqual([`compose-invalid 4:5 \`${key}\` of \`web\` is not a list; Compose refuses it too`]);
      expect(errors[0]!.hint).toMatch(/list/);
    }
  });

  it('a database published in development is reported as unpublished in each profile environment', () => {
    const notes = importText('services:\n  db:\n    image: postgres:16\n    ports: ["127.0.0.1:5432:5432"]\n  tools:\n    image: busybox:1\n    profiles: [debug]\n').result.notes;
    const note = notes.find((n) => n.affects?.service === 'db' && n.affects.environment === 'debug');
    expect(note?.message).toBe('`db` is not published in environment `debug`: stackc publishes backing services on the host in `development` only');
    expect(note?.affects).toEqual({ service: 'db', aspect: 'ports', key: '5432/tcp', environment: 'debug' });
  });

  it('a database published on every address keeps it, in every environment, with a note (issue 20, item 2)', () => {
    const { result, data } = importText('services:\n  db:\n    image: postgres:16\n    ports: ["15432:5432"]\n  tools:\n    image: busybox:1\n    profiles: [debug]\n');
    expect(data!.resources.db.publish).toEqual({ host: 15432, bind: '0.0.0.0' });
    expect(result.notes.map((n) => `${n.at.line} ${n.severity}: ${n.message}`)).toContain('4 info: `db` is published on every address of the host, as in the compose file (`publish: { bind: 0.0.0.0 }`)');
    expect(result.notes.filter((n) => n.affects?.environment === 'debug')).toEqual([]);
    // On 127.0.0.1 at its own port, stackc's default says the same: nothing is written.
    expect(importText('services:\n  db:\n    image: postgres:16\n    ports: ["127.0.0.1:5432:5432"]\n').data!.resources.db.publish).toBeUndefined();
    expect(importText('services:\n  db:\n    image: postgres:16\n    ports: ["[::1]:5432:5432"]\n').data!.resources.db.publish).toEqual({ bind: '::1' });
  });

  it('carries variable names with `.` and `-`, except as secrets, whose names stay letters, digits and `_` (issue 20, item 1)', () => {
    const { result, data } = importText('services:\n  es:\n    image: elasticsearch:8.15.3\n    environment:\n      discovery.type: single-node\n      node-name: es01\n      xpack.security.password: ${ES_PASSWORD}\n');
    expect(data!.services.es.env).toEqual({ 'discovery.type': 'single-node', 'node-name': 'es01' });
    expect(data!.services.es.secrets).toBeUndefined();
    expect(result.notes.filter((n) => n.severity === 'warning').map((n) => `${n.at.line} ${n.message}`)).toEqual([
      '7 variable `xpack.security.password` of `es` was not carried over: its value would be a secret, and secret names are letters, digits and `_` (the secret stores of GitHub, Fly and Vercel take no others)',
    ]);
  });

  it('carries the host address of a service\'s port (issue 20, item 2)', () => {
    const { result, data } = importText('services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:8080:80", "[::1]:9000:9000", "0.0.0.0:53:53/udp", { target: 6000, published: 6000, host_ip: 127.0.0.1 }, "localhost:7000:7000"]\n');
    expect(data!.services.web.ports).toEqual(['127.0.0.1:8080:80', '[::1]:9000:9000', '0.0.0.0:53:53/udp', '127.0.0.1:6000:6000', 7000]);
    expect(result.notes.filter((n) => n.affects?.aspect === 'ports').map((n) => n.message)).toEqual(['the host address localhost of port 7000 of `web` was not carried over: it is not an IP address, and stack.yaml publishes on IP addresses only']);
  });

  it('an interpolated value outside `environment` is reported as frozen at import time', () => {
    const notes = notesOf('services:\n  web:\n    image: nginx:${TAG}\n    ports: ["${APP_PORT}:3000"]\n', { '.env': 'APP_PORT=8080\nTAG=1.27\n' });
    expect(notes).toContain('3 info: the image of `web` keeps the value ${TAG} had at import time: stack.yaml values are not read from .env');
    expect(notes).toContain('4 info: a port of `web` keeps the value ${APP_PORT} had at import time: stack.yaml values are not read from .env');
  });

  it('`mem_limit: 0`, `cpus: 0` and zero reservations mean no limit: nothing is set, and it is reported', () => {
    const { result, data } = importText('services:\n  web:\n    image: nginx:1.27\n    mem_limit: 0\n    cpus: 0\n    mem_reservation: 0b\n');
    expect(data!.services.web.resources).toBeUndefined();
    expect(result.notes.filter((n) => /means no/.test(n.message)).map((n) => `${n.at.line} ${n.message}`)).toEqual([
      '4 `mem_limit: 0` of `web` means no limit in Compose: stack.yaml sets none',
      '5 `cpus: 0` of `web` means no limit in Compose: stack.yaml sets none',
      '6 `mem_reservation: 0b` of `web` means no reservation in Compose: stack.yaml sets none',
    ]);
  });

  it('never gives a service a name another one had: a valid name is kept, the converted one gets a suffix', () => {
    const { result, data } = importText('services:\n  A_B:\n    image: nginx:1.27\n  a-b:\n    image: nginx:1.27\n  a-b-2:\n    image: nginx:1.27\n');
    expect([...result.names].map(([k, v]) => `${k}→${v.name}`)).toEqual(['A_B→a-b-3', 'a-b→a-b', 'a-b-2→a-b-2']);
    expect(Object.keys(data!.services)).toEqual(['a-b-3', 'a-b', 'a-b-2']);
    const renames = result.notes.filter((n) => n.affects?.aspect === 'service');
    expect(renames.map((n) => n.message)).toEqual(['service `A_B` is named `a-b-3` in stack.yaml (names are DNS labels; `a-b` and `a-b-2` are the names of other services)']);
  });

  // Found by test/property/import.property.test.ts: both were internal errors (exit 3).
  it('a required dependency on a service its profiles leave out is Compose\'s own error', () => {
    const errors = importText('services:\n  tools:\n    image: nginx:1.27\n    profiles: [debug]\n  web:\n    image: nginx:1.27\n    depends_on: [tools]\n').result.errors;
    expect(errors.map((e) => `${e.code} ${e.at?.line} ${e.message}`)).toEqual(['compose-invalid 7 `web` depends on `tools`, which runs only with the profile `debug`: Compose refuses to start `web` with no profile']);
  });

  it('an anonymous volume never takes the name of a backing service\'s data volume', () => {
    const { result, data } = importText('services:\n  cache:\n    image: redis:7\n  Cache:\n    image: nginx:1.27\n    volumes: [/data]\n');
    expect(result.errors).toEqual([]);
    expect(data!.services['cache-2'].volumes).toEqual(['cache-data-volume:/data']);
  });

  it('a port on a free host port keeps its number unless another service publishes it there', () => {
    const { result, data } = importText('services:\n  a:\n    image: nginx:1.27\n    ports: ["5432"]\n  b:\n    image: nginx:1.27\n    ports: ["5432"]\n  c:\n    image: nginx:1.27\n    ports: ["8080:80", "8080"]\n');
    expect(result.errors).toEqual([]);
    expect([data!.services.a.ports, data!.services.b.ports, data!.services.c.ports]).toEqual([[5432], [{ port: 5432, publish: false }], ['8080:80', { port: 8080, publish: false }]]);
    expect(result.notes.filter((n) => n.severity === 'warning').map((n) => n.at.line)).toEqual([7, 10]);
  });
});

describe('import: build secrets and platforms (issue 20, item 6)', () => {
  it('carries the ids the Dockerfile mounts and the platforms, and says where a value is now read from', () => {
    const { result, data } = importText(
      [
        'services:',
        '  web:',
        '    build:',
        '      context: .',
        '      secrets: [NPM_TOKEN, { source: gh, target: GITHUB_TOKEN }, npmrc-file]',
        '      platforms: [linux/amd64, linux/arm64, windows]',
        'secrets:',
        '  NPM_TOKEN: { environment: NPM_TOKEN }',
        '  gh: { file: ./gh-token.txt }',
        '  npmrc-file: { file: ./.npmrc }',
        '',
      ].join('\n'),
      { Dockerfile: 'FROM scratch\n' },
    );
    expect(result.errors).toEqual([]);
    expect(data!.services.web.build).toEqual({ context: '.', secrets: ['NPM_TOKEN', 'GITHUB_TOKEN'], platforms: ['linux/amd64', 'linux/arm64'] });
    const about = (line: number) => result.notes.filter((n) => n.at.line === line).map((n) => `${n.severity}: ${n.message}`);
    expect(about(5)).toEqual([
      'info: build secret `GITHUB_TOKEN` of `web` is read from the variable GITHUB_TOKEN (Compose read it from the file ./gh-token.txt)',
      expect.stringMatching(/^warning: build secret `npmrc-file` of `web` was not carried over: stack.yaml build secret ids are variable names/),
    ]);
    expect(about(6)).toEqual(['warning: build platform `windows` of `web` was not carried over: stack.yaml platforms are `os/arch[/variant]`']);
  });
});

describe('import: hosts of nginx-proxy (issue 20, item 3)', () => {
  it('carries VIRTUAL_HOST as public hosts, the first canonical, and VIRTUAL_PORT as the served port', () => {
    const { data, result } = importText(`services:
  web:
    image: nginx:1.27
    expose: ["80", "8080"]
    environment:
      VIRTUAL_HOST: shop.example, www.shop.example,~^api\\..*
      VIRTUAL_PORT: "8080"
  one:
    image: nginx:1.27
    expose: ["80"]
    environment: { VIRTUAL_HOST: one.example }
  portless:
    image: nginx:1.27
    environment: { VIRTUAL_HOST: none.example }
`);
    expect(data!.services.web.public).toEqual({ hosts: ['shop.example', 'www.shop.example'], port: 8080 });
    expect(data!.services.one.public).toEqual({ host: 'one.example' });
    expect(data!.services.portless.public).toBeUndefined();
    expect(data!.services.web.env.VIRTUAL_HOST).toBe('shop.example, www.shop.example,~^api\\..*');
    expect(result.notes.find((n) => n.message.startsWith('host `~^api'))?.message).toMatch(/was not carried over: it is not a host name/);
    expect(result.notes.map((n) => n.message)).toContain('`web` is public at `shop.example`, `www.shop.example` (nginx-proxy\'s VIRTUAL_HOST): stackc\'s targets route them themselves; Compose still needs the proxy in front');
  });
});

describe('import: hosts of a Traefik router rule (issue 20, item 3)', () => {
  it('carries a rule of Host matchers as public hosts, and the load balancer port as the served port', () => {
    const { data } = importText(`services:
  web:
    image: nginx:1.27
    expose: ["80", "8080"]
    labels:
      - "traefik.enable=true"
      - "traefik.http.routers.web.rule=Host(\`shop.example\`) || Host(\`www.shop.example\`)"
      - "traefik.http.services.web.loadbalancer.server.port=8080"
  api:
    image: nginx:1.27
    expose: ["80"]
    labels: { traefik.http.routers.api.rule: "Host(\`api.example\`) && PathPrefix(\`/v1\`)" }
  off:
    image: nginx:1.27
    expose: ["80"]
    labels: { traefik.enable: "false", traefik.http.routers.off.rule: "Host(\`off.example\`)" }
`);
    expect(data!.services.web.public).toEqual({ hosts: ['shop.example', 'www.shop.example'], port: 8080 });
    expect(data!.services.web.labels['traefik.http.routers.web.rule']).toBe('Host(`shop.example`) || Host(`www.shop.example`)');
    expect(data!.services.api.public).toBeUndefined();
    expect(data!.services.off.public).toBeUndefined();
  });
});
