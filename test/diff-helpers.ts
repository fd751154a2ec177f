// Shared by the `stackc diff` CLI tests: a stack with every target, a temporary git repository.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli, tempDir } from './helpers.js';

export interface StackOptions {
  productionReplicas?: number;
  extraEnv?: Record<string, string>;
  cache?: boolean;
  webOutput?: string;
  lint?: boolean;
  /** Targets to enable (default: compose and kubernetes, which most tests need; rendering all six is slower). */
  targets?: readonly string[];
}

export const ALL_TARGETS = ['compose', 'kubernetes', 'fly', 'railway', 'vercel', 'github-actions'] as const;
const TARGET_LINES: Record<string, string> = {
  compose: '  compose: {}',
  kubernetes: '  kubernetes: { namespace: pazpaz }',
  fly: '  fly: { services: [api] }',
  railway: '  railway: { services: [api] }',
  vercel: '  vercel: { services: [web] }',
  'github-actions': '  github-actions: {}',
};

/** pazpaz: an api (3 replicas in production), a worker, Postgres, Redis and a static site. */
export function stack(o: StackOptions = {}): string {
  const cache = o.cache ?? true;
  const extra = Object.entries(o.extraEnv ?? {}).map(([k, v]) => `      ${k}: ${v}\n`).join('');
  return `stack: 1
name: pazpaz
environments:
  staging: { domain: staging.pazpaz.example, branch: develop }
  production: { domain: pazpaz.example, tags: "v*" }
services:
  api:
    build: ./backend
    image: ghcr.io/pazpaz/api:1.4.2
    command: [uvicorn, app:app, --port, "8000"]
    ports: [8000]
    public: { host: "api.\${environment.domain}" }
    env:
      LOG_LEVEL: info
      DATABASE_URL: \${resources.db.url}
${cache ? '      REDIS_URL: ${resources.cache.url}\n' : ''}${extra}    secrets: [SECRET_KEY]
    healthcheck: { http: /health }
    user: 1000
    replicas: 2
    depends_on: [db${cache ? ', cache' : ''}]
    environments:
      production: { replicas: ${o.productionReplicas ?? 3} }
  worker:
    build: ./backend
    image: ghcr.io/pazpaz/worker:1.4.2
    command: [arq, app.Worker]
${cache ? '    env:\n      REDIS_URL: ${resources.cache.url}\n    depends_on: [cache]\n' : ''}    user: 1000
  web:
    static: { root: ./frontend, framework: vite, build: npm run build, output: ${o.webOutput ?? 'dist'} }
    env: { VITE_API: "https://api.\${environment.domain}" }
resources:
  db: { type: postgres, version: "16", storage: 10Gi }
${cache ? '  cache: { type: redis, version: "7", storage: 1Gi }\n' : ''}ci:
  runtime: { node: "20" }
  steps:
    install: npm ci
${o.lint ? '    lint: npm run lint\n' : ''}    test: npm test
targets:
${(o.targets ?? ['compose', 'kubernetes']).map((t) => TARGET_LINES[t]).join('\n')}
`;
}

export const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });

/** A repository on `main` with stack.yaml (and, when `build`, everything stackc builds from it) committed. */
export function repository(text: string, options: { build?: boolean; files?: Record<string, string> } = {}): string {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'stack.yaml'), text);
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), content);
  if (options.build) expect(runCli(['build'], dir).status).toBe(0);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

type Report = {
  changed: boolean;
  risky: { rule: string; message: string; environments: string[]; resource?: string }[];
  resources: { label: string; type: string; target: string; action: string; environments: string[]; changes: { path: string; action: string; before?: unknown; after?: unknown; text: string }[] }[];
  files: { path: string; status: string; drift?: string; patch: string }[];
  formattingOnly: { path: string }[];
  targets: { target: string }[];
  notes: string[];
};
export const json = (stdout: string): Report => JSON.parse(stdout) as Report;

