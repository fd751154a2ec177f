// Who a service runs as, decided once in the deployment model (src/deploy/image-user.ts) for
// Kubernetes' runAsUser/runAsGroup and the non-root lint rules.
import { describe, expect, it } from 'vitest';
import { dockerfileReader } from '../../src/dockerfile/reader.js';
import { imageUser } from '../../src/deploy/image-user.js';
import { loadOk, stackYaml } from '../helpers.js';

/** The `api` service's user, with `api/Dockerfile` holding `dockerfile` when given. */
function userOf(service: string, dockerfile?: string) {
  const stack = loadOk(stackYaml(`services:\n  api:\n${service}`));
  const api = stack.views.get(stack.environments[0]!.name)!.services.find((s) => s.name === 'api')!;
  return imageUser(api, dockerfileReader((path) => (dockerfile !== undefined && path === 'api/Dockerfile' ? dockerfile : undefined)));
}

describe('who a service runs as', () => {
  it('reads a numeric `user:` as it is, group and all', () => {
    expect(userOf('    image: ghcr.io/acme/api:1.0\n    user: 1000\n')).toMatchObject({ kind: 'uid', uid: 1000, from: { kind: 'stack', at: ['services', 'api', 'user'] } });
    expect(userOf('    image: ghcr.io/acme/api:1.0\n    user: "1000:2000"\n')).toMatchObject({ kind: 'uid', uid: 1000, gid: 2000 });
    expect(userOf('    image: ghcr.io/acme/api:1.0\n    user: 0\n')).toMatchObject({ kind: 'root', from: { kind: 'stack' } });
    expect(userOf('    image: ghcr.io/acme/api:1.0\n    user: app\n')).toMatchObject({ kind: 'name', name: 'app' });
    expect(userOf('    build: ./api\n', 'FROM python:3.12-slim\nUSER 1000:root\n')).toMatchObject({ kind: 'uid', uid: 1000, gid: 0 });
  });

  it('turns a Dockerfile USER name into the UID and primary group its RUN line creates it with', () => {
    const dockerfile = 'FROM python:3.12-slim\nRUN groupadd --gid 1001 app && useradd --uid 1000 --gid app --no-create-home app\nUSER app\n';
    expect(userOf('    build: ./api\n', dockerfile)).toMatchObject({ kind: 'uid', uid: 1000, gid: 1001, from: { kind: 'dockerfile', text: 'app', line: 3, col: 1, stage: 0, runStage: { index: 0, last: true } } });
    const busybox = 'FROM alpine:3.20\nRUN addgroup -g 1000 app && adduser -u 1000 -G app -D app\nUSER app\n';
    expect(userOf('    build: ./api\n', busybox)).toMatchObject({ kind: 'uid', uid: 1000, gid: 1000 });
    // `user: app` in stack.yaml reads the same Dockerfile.
    expect(userOf('    build: ./api\n    user: app\n', dockerfile)).toMatchObject({ kind: 'uid', uid: 1000, gid: 1001, from: { kind: 'stack' } });
  });

  it('knows the users of well-known base images: `USER node` on node is 1000:1000', () => {
    expect(userOf('    build: ./api\n', 'FROM node:22-bookworm-slim AS base\nFROM base\nUSER node\n')).toMatchObject({ kind: 'uid', uid: 1000, gid: 1000, from: { stage: 1, runStage: { index: 1, last: true } } });
    expect(userOf('    build: ./api\n', 'FROM python:3.12-slim\nUSER app\n')).toMatchObject({ kind: 'name', name: 'app', from: { kind: 'dockerfile', line: 2 } });
  });

  it('says a stage without USER runs as its base image does: root for nginx, with the unprivileged variant', () => {
    const nginx = userOf('    build: ./api\n', 'FROM node:22-slim AS build\nRUN npm ci\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n');
    expect(nginx).toMatchObject({ kind: 'root', from: { kind: 'dockerfile', text: '', line: 3, stage: 1 } });
    expect(nginx.kind === 'root' && nginx.instead).toContain('nginxinc/nginx-unprivileged');
    expect(userOf('    build: ./api\n', 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY dist /usr/share/nginx/html\n')).toMatchObject({ kind: 'uid', uid: 101, gid: 101 });
    expect(userOf('    build: ./api\n', 'FROM gcr.io/distroless/nodejs22-debian12:nonroot\n')).toMatchObject({ kind: 'uid', uid: 65532 });
    expect(userOf('    build: ./api\n', 'FROM python:3.12-slim\n')).toMatchObject({ kind: 'root' });
  });

  it('knows what a well-known pulled image runs as, and nothing about any other', () => {
    expect(userOf('    image: nginx:1.27-alpine\n')).toMatchObject({ kind: 'root', from: { kind: 'image', image: 'nginx:1.27-alpine', at: ['services', 'api', 'image'] } });
    expect(userOf('    image: nginxinc/nginx-unprivileged:1.27-alpine\n')).toMatchObject({ kind: 'uid', uid: 101, gid: 101, from: { kind: 'image' } });
    expect(userOf('    image: node:22-slim\n    user: node\n')).toMatchObject({ kind: 'uid', uid: 1000, gid: 1000, from: { kind: 'stack' } });
    expect(userOf('    image: ghcr.io/acme/api:1.0\n')).toMatchObject({ kind: 'unknown', from: 'image' });
  });
});
