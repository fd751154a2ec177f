// Edge cases of the supply-chain, portability and cost rules that the bad/good fixtures do not show.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandArgs } from '../../../src/lint/rules/support/build-args.js';
import { parseBytes, parseCores } from '../../../src/lint/rules/support/quantities.js';
import { root } from '../../helpers.js';
import { lintDir, lintFiles, makeProject, where } from '../harness.js';

const MINE = ['image-tag-pinned', 'base-image-pinned', 'build-files-exist', 'target-capability', 'resource-bounds', 'unused-resource', 'non-production-scale'];

const findings = async (files: Record<string, string>, rule: string, levels: Record<string, 'off' | 'info' | 'warn' | 'error'> = {}) =>
  (await lintFiles(files, { levels })).findings.filter((f) => f.ruleId === rule && !f.suppressed);

const ENVS = 'environments:\n  development: {}\n  staging: { domain: staging.shop.example }\n  production: { domain: shop.example }\n';
const stack = (body: string, envs = ENVS) => `stack: 1\nname: shop\n${envs}${body}`;

describe('image-tag-pinned', () => {
  // Reading references and floating tags: test/vocabulary/image-reference.test.ts, floating-tags.test.ts.
  it('exempts services that build (CI tags their image) and reports a shared base value once', async () => {
    const f = await findings(
      { 'stack.yaml': stack('services:\n  api:\n    build: ./api\n    image: ghcr.io/acme/api:latest\n  proxy:\n    image: nginx\n'), 'api/Dockerfile': 'FROM python:3.12.7-slim\n' },
      'image-tag-pinned',
    );
    expect(f.map((x) => [x.line, x.severity])).toEqual([[12, 'error']]);
    expect(f[0]!.message).toBe('`proxy` runs `nginx` without a tag, so it gets whatever `latest` is when the image is pulled');
    expect(f[0]!.hint).toContain('`nginx:<version>`');
  });

  it('notes a tag without a digest in production only, and makes it an error with requireDigest', async () => {
    const body = 'services:\n  proxy:\n    image: nginx:1.27-alpine\n';
    const notes = await findings({ 'stack.yaml': stack(body) }, 'image-tag-pinned');
    expect(notes.map((x) => [x.line, x.severity, x.message])).toEqual([[9, 'info', '`proxy` runs `nginx:1.27-alpine` in `production` by tag only; a tag can be moved to another image']]);
    expect(notes[0]!.hint).toContain('`nginx:1.27-alpine@sha256:<digest>`');

    const strict = await findings({ 'stack.yaml': stack(`${body}lint:\n  rules:\n    image-tag-pinned: [error, { requireDigest: true }]\n`) }, 'image-tag-pinned');
    expect(strict.map((x) => x.severity)).toEqual(['error']);

    const noProduction = await findings({ 'stack.yaml': stack(body, 'environments:\n  development: {}\n  staging: {}\n') }, 'image-tag-pinned');
    expect(noProduction).toEqual([]);
  });

  it('takes its list of floating tags from the options', async () => {
    const f = await findings(
      { 'stack.yaml': stack('services:\n  a:\n    image: acme/a:edge\n  b:\n    image: acme/b:rolling\nlint:\n  rules:\n    image-tag-pinned: [error, { prohibitedTags: [rolling] }]\n', '') },
      'image-tag-pinned',
    );
    expect(f.map((x) => x.message)).toEqual(['`b` runs `acme/b:rolling`: `rolling` is a floating tag, so what runs changes whenever the image is pulled']);
  });
});

describe('base-image-pinned', () => {
  const project = (dockerfile: string, build = '{ context: ./app }') => ({
    'stack.yaml': stack(`services:\n  api:\n    build: ${build}\n    image: ghcr.io/acme/api\n  worker:\n    build: ${build}\n    image: ghcr.io/acme/api\n`),
    'app/Dockerfile': dockerfile,
  });

  it('expands ARG references, with defaults and alternatives', () => {
    expect(expandArgs('node:${V}-slim', { V: '22' })).toBe('node:22-slim');
    expect(expandArgs('node:$V', { V: '22' })).toBe('node:22');
    expect(expandArgs('node:${V:-20}', {})).toBe('node:20');
    expect(expandArgs('node${V:+:}${V}', { V: '22' })).toBe('node:22');
    expect(expandArgs('${BASE}', {})).toBeUndefined();
  });

  it('skips scratch, earlier stages, unresolvable ARGs and stages after the build target', async () => {
    const dockerfile = [
      'ARG BASE',
      'FROM ${BASE} AS deps',
      'FROM --platform=$BUILDPLATFORM golang:1.23.3 AS build',
      'FROM build AS test',
      'FROM scratch AS runtime',
      'COPY --from=build /out/app /app',
      'FROM alpine AS debug',
    ].join('\n');
    expect(await findings(project(dockerfile, '{ context: ./app, target: runtime }'), 'base-image-pinned')).toEqual([]);
    const f = await findings(project(dockerfile, '{ context: ./app, target: debug }'), 'base-image-pinned');
    expect(f.map((x) => `${x.file}:${x.line}:${x.col} ${x.pointer}`)).toEqual(['app/Dockerfile:7:1 FROM[debug]']);
  });

  it('resolves a base image from a global ARG default and reports a Dockerfile two services share once', async () => {
    const f = await findings(project('ARG NODE=node:latest\nFROM $NODE\nUSER node\n'), 'base-image-pinned');
    expect(f.map((x) => [x.line, x.message])).toEqual([[2, 'base image `$NODE` (`node:latest`) uses the floating tag `latest`, so each uncached build can start from a different image']]);
    expect(f[0]!.pointer).toBe('FROM[0]');
  });

  it('passes digests and tags', async () => {
    expect(await findings(project(`FROM node@sha256:${'b'.repeat(64)}\nFROM nginx:1.27-alpine\n`), 'base-image-pinned')).toEqual([]);
  });
});

describe('build-files-exist', () => {
  it('reports a missing context that several environments inherit once, at the line that sets it', async () => {
    const f = await findings(
      { 'stack.yaml': stack('services:\n  api:\n    build: { context: ./backend }\n    image: ghcr.io/acme/api\n    environments:\n      development:\n        build: { context: ./backend, dockerfile: Dockerfile.dev }\n') },
      'build-files-exist',
    );
    expect(f.map((x) => [x.line, x.message])).toEqual([[9, 'the build context `backend` of `api` does not exist']]);
  });

  it('accepts the project directory as context and leaves remote contexts alone', async () => {
    const f = await findings(
      {
        'stack.yaml': stack('services:\n  api:\n    build: .\n    image: ghcr.io/acme/api\n  tool:\n    build: https://github.com/acme/tool.git#v1.2.0\n    image: ghcr.io/acme/tool\n'),
        Dockerfile: 'FROM python:3.12.7-slim\n',
      },
      'build-files-exist',
    );
    expect(f).toEqual([]);
  });

  it('says a Dockerfile path is a directory when it is one', async () => {
    const f = await findings(
      { 'stack.yaml': stack('services:\n  api:\n    build: { context: ., dockerfile: docker }\n    image: ghcr.io/acme/api\n', ''), 'docker/Dockerfile': 'FROM python:3.12.7-slim\n' },
      'build-files-exist',
    );
    expect(f.map((x) => [x.line, x.message])).toEqual([[5, '`api` builds from `docker`, which is not a file']]);
  });
});

describe('target-capability', () => {
  const files = (lint = '') => ({
    'stack.yaml': `stack: 1\nname: shop\nservices:\n  api:\n    image: nginx:1.27.3\n    ports: [8000]\n    healthcheck: { http: /health }\n    autoscale: { min: 2, max: 6 }\ntargets:\n  compose: {}\n  kubernetes: {}\n${lint}`,
  });

  it('reports what a target cannot express at the line that asks for it, prefixed with the target', async () => {
    const f = await findings(files(), 'target-capability', { 'target-capability': 'warn' });
    expect(f.map((x) => [x.line, x.severity, x.message])).toEqual([
      [8, 'warn', 'compose: Compose cannot autoscale `api` (2 to 6 replicas at 80% CPU): it runs a fixed 2'],
      [8, 'warn', 'kubernetes: `api` autoscales on CPU but sets no CPU request; the HorizontalPodAutoscaler measures utilisation against the request and cannot scale without one'],
    ]);
    expect(f[0]!.hint).toContain('--scale api=N');
  });

  it('is on in recommended as notes and in strict as warnings (it reads capabilities, it renders nothing), and can be turned off', async () => {
    expect((await findings(files(), 'target-capability')).map((x) => x.severity)).toEqual(['info', 'info']);
    expect((await findings(files('lint:\n  preset: strict\n'), 'target-capability')).map((x) => x.severity)).toEqual(['warn', 'warn']);
    expect(await findings(files('lint:\n  rules: { target-capability: off }\n'), 'target-capability')).toEqual([]);
  });

  it('renders no target: a plugin target that marks when it is rendered is never asked', async () => {
    const project = makeProject({
      'stack.yaml': files()['stack.yaml'].replace('targets:\n', 'plugins: [./mark.mjs]\ntargets:\n  mark: {}\n'),
      // A test double, not a well-behaved plugin: it leaves a file behind when it renders.
      'mark.mjs': "import { writeFileSync } from 'node:fs';\nexport default { name: 'mark', describe: 'marks a render', emit() { writeFileSync(new URL('./rendered', import.meta.url), 'yes'); return []; } };\n",
    });
    // The rules that read rendered output are off, so nothing else would render it either.
    const result = await lintDir(project, { levels: { 'target-capability': 'warn', 'no-privileged': 'off', 'no-host-access': 'off' } });
    expect(result.findings.filter((f) => f.ruleId === 'target-capability').map((f) => f.message.split(':')[0])).toEqual(['compose', 'kubernetes']);
    expect(existsSync(join(project, 'rendered'))).toBe(false);
    // A rule that does read rendered output renders it: the double works.
    await lintDir(project, { levels: { 'no-privileged': 'warn' } });
    expect(existsSync(join(project, 'rendered'))).toBe(true);
  });

  it('leaves out notes unless includeNotes, and what other rules report (kubernetes/image-tag, user)', async () => {
    const withNotes = await findings(files('lint:\n  rules:\n    target-capability: [warn, { includeNotes: true }]\n'), 'target-capability');
    const notes = withNotes.filter((x) => x.severity === 'info');
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.some((x) => x.message.startsWith('compose: ') && x.message.includes('curl'))).toBe(true);
    // `user` unset is non-root-user's finding, not repeated as kubernetes/user-unset.
    expect(withNotes.some((x) => x.message.includes('sets no `user`'))).toBe(false);
  });

  it('drops Railway\'s build-target warning when the target is already the last stage of every Dockerfile', async () => {
    const project = (dockerfile: string) => ({
      'stack.yaml': 'stack: 1\nname: shop\nservices:\n  api:\n    build: { context: ./api, target: runtime }\n    image: ghcr.io/acme/api\ntargets:\n  railway: {}\n',
      'api/Dockerfile': dockerfile,
    });
    const last = await findings(project('FROM python:3.12.7-slim AS base\nFROM base AS runtime\n'), 'target-capability', { 'target-capability': 'warn' });
    expect(last.filter((x) => x.message.includes('last stage'))).toEqual([]);
    const notLast = await findings(project('FROM python:3.12.7-slim AS runtime\nFROM runtime AS test\n'), 'target-capability', { 'target-capability': 'warn' });
    expect(notLast.filter((x) => x.message.includes('last stage')).map((x) => x.line)).toEqual([5]);
  });
});

describe('resource-bounds', () => {
  it('parses quantities', () => {
    expect(parseBytes('512Mi')).toBe(512 * 2 ** 20);
    expect(parseBytes('1G')).toBe(1e9);
    expect(parseBytes('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseBytes('512')).toBe(512);
    expect(parseCores('500m')).toBe(0.5);
    expect(parseCores('2')).toBe(2);
    expect(parseCores('0.25')).toBe(0.25);
  });

  it('reports a problem an override only inherits once, at the base line', async () => {
    const f = await findings(
      { 'stack.yaml': stack('services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    resources: { cpu: 500m, memory: 2Gi, requests: { memory: 256Mi } }\n    environments:\n      production:\n        resources: { cpu: "1" }\n') },
      'resource-bounds',
    );
    expect(f.map((x) => [x.line, x.message])).toEqual([[10, '`api`\'s memory limit `2Gi` is 8 times its request `256Mi`; nodes packed by requests run out of memory when several services grow at once']]);
  });

  it('takes a deliberate small size in Mi, flags kilobytes, and honours maxRatio', async () => {
    const body = 'services:\n  a:\n    image: acme/a:1.0.0\n    resources: { memory: 16Mi }\n  b:\n    image: acme/b:1.0.0\n    resources: { memory: 512Ki }\n  c:\n    image: acme/c:1.0.0\n    resources: { memory: 2Gi, requests: { memory: 256Mi } }\n';
    const f = await findings({ 'stack.yaml': stack(body, '') }, 'resource-bounds');
    expect(f.map((x) => [x.line, x.hint])).toEqual([
      [9, '`Ki` and `k` are kilobytes: write `512Mi` for mebibytes'],
      [12, 'set the request near the steady-state usage and the limit within 4× of it, e.g. `requests: { memory: 512Mi }`'],
    ]);
    const relaxed = await findings({ 'stack.yaml': stack(`${body}lint:\n  rules:\n    resource-bounds: [warn, { maxRatio: 8 }]\n`, '') }, 'resource-bounds');
    expect(relaxed.map((x) => x.line)).toEqual([9]);
  });
});

describe('unused-resource', () => {
  it('counts a resource only a disabled service uses as unused', async () => {
    const f = await findings(
      { 'stack.yaml': stack('services:\n  api:\n    image: acme/api:1.0.0\n    enabled: false\n    depends_on: [db]\nresources:\n  db: { type: postgres }\n', '') },
      'unused-resource',
    );
    expect(f.map((x) => [x.line, x.col])).toEqual([[9, 3]]);
    expect(f[0]!.message).toBe('nothing uses the postgres resource `db`: no service depends on it or reads `${resources.db.…}`, and CI does not start it');
  });
});

describe('non-production-scale', () => {
  const body = 'services:\n  api:\n    image: acme/api:1.0.0\n    replicas: 2\n';

  it('is off in recommended and a warning in strict', async () => {
    expect(await findings({ 'stack.yaml': stack(body) }, 'non-production-scale')).toEqual([]);
    const f = await findings({ 'stack.yaml': stack(`${body}lint:\n  preset: strict\n`) }, 'non-production-scale');
    expect(f.map((x) => [x.line, x.severity, x.message])).toEqual([
      [10, 'warn', '`api` runs 2 replicas in `development`, which is not production'],
      [10, 'warn', '`api` runs 2 replicas in `staging`, which is not production'],
    ]);
  });

  it('allows what maxReplicas allows, and any scale in prod', async () => {
    expect(await findings({ 'stack.yaml': stack(`${body}lint:\n  rules:\n    non-production-scale: [warn, { maxReplicas: 2 }]\n`) }, 'non-production-scale')).toEqual([]);
    expect(await findings({ 'stack.yaml': stack(body, 'environments:\n  prod: {}\n') }, 'non-production-scale', { 'non-production-scale': 'warn' })).toEqual([]);
  });
});

describe('the shipped example stacks', () => {
  it.each(['fullstack', 'saas', 'minimal', 'design-sketch', 'plugin-target'])('%s: no finding of these rules but target-capability', async (name) => {
    const result = await lintDir(join(root, 'fixtures', name), { cwd: root });
    expect(where(result).filter((w) => MINE.some((id) => w.endsWith(` ${id}`)) && !w.endsWith(' target-capability'))).toEqual([]);
  });
});
