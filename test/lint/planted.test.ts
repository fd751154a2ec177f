// The acceptance scenario: a project with planted violations is caught at every line, in
// every format, without ever printing the secrets; the shipped examples lint clean.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli } from '../helpers.js';
import { sarifProblems } from '../platform-schemas.js';
import { makeProject } from './harness.js';

// Fake credentials in the vendors' formats (invented here; they open nothing).
const GITHUB_TOKEN = 'ghp_9fQ2LrX7vTz4KpWm8sYc3NbJd6HgAe1Ru5Vk';
const STRIPE_KEY = 'sk_live_51Hx9QvLmZr8TnWy2KpFd7BcJ4sGa6UeYt3Nq';

const STACK = `stack: 1
name: planted
services:
  api:
    image: ghcr.io/acme/api:2.3.1
    ports: [8000]
    user: 0
    env:
      GITHUB_TOKEN: ${GITHUB_TOKEN}
    healthcheck: { http: /health }
    resources: { memory: 512Mi }
  proxy:
    image: nginx:latest
    ports: [8080]
    user: "101"
    healthcheck: { http: /healthz }
    resources: { memory: 128Mi }
  web:
    image: ghcr.io/acme/web:2.3.1
    ports: [3000]
    user: "1000"
    resources: { memory: 256Mi }
  app:
    build: ./app
    image: ghcr.io/acme/app
    ports: [9000]
    healthcheck: { tcp: 9000 }
    resources: { memory: 256Mi }
`;

const DOCKERFILE = `FROM node:20.18.1-bookworm-slim
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
`;

function plantedProject(): string {
  return makeProject({ 'stack.yaml': STACK, 'app/Dockerfile': DOCKERFILE, 'app/server.js': 'require("http").createServer().listen(9000);\n', '.env': `# local settings\nSTRIPE_SECRET_KEY=${STRIPE_KEY}\n` }, { git: true });
}

describe('a project with planted violations', () => {
  const dir = plantedProject();

  it('reports each violation at its line and exits 1', () => {
    const r = runCli(['lint', '--format', 'json'], dir);
    expect(r.status).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; file: string; line: number; severity: string }[] }).findings;
    const at = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => `${f.file}:${f.line}`);
    expect(at('no-secret-literal').concat(at('known-secret-pattern'))).toContain('stack.yaml:9'); // the token in env
    expect(at('non-root-user')).toEqual(expect.arrayContaining(['stack.yaml:7', 'app/Dockerfile:1'])); // user: 0; no USER
    expect(at('image-tag-pinned')).toContain('stack.yaml:13'); // nginx:latest
    expect(at('healthcheck-required')).toContain('stack.yaml:18'); // web has no healthcheck
    expect(at('secret-files-untracked')).toContain('.env:1'); // a tracked .env
    expect(at('known-secret-pattern')).toContain('.env:2'); // holding a live-looking key
    expect(findings.filter((f) => f.severity === 'error').length).toBeGreaterThanOrEqual(6);
  });

  it('never prints either secret whole, in any format', () => {
    for (const format of ['pretty', 'json', 'sarif', 'github']) {
      const r = runCli(['lint', '--format', format], dir);
      for (const secret of [GITHUB_TOKEN, STRIPE_KEY]) {
        expect(r.stdout + r.stderr, `${format} prints a secret`).not.toContain(secret);
        expect(r.stdout + r.stderr, format).not.toContain(secret.slice(0, 16));
      }
    }
    const pretty = runCli(['lint'], dir).stdout;
    expect(pretty).toContain(`${GITHUB_TOKEN.slice(0, 8)}…(${GITHUB_TOKEN.length} chars)`);
  });

  it('the SARIF log validates and GitHub can rank the security findings', () => {
    const log = JSON.parse(runCli(['lint', '--format', 'sarif'], dir).stdout);
    expect(sarifProblems(log)).toEqual([]);
    const rules = log.runs[0].tool.driver.rules as { id: string; properties: Record<string, unknown> }[];
    expect(rules.find((r) => r.id === 'non-root-user')?.properties['security-severity']).toMatch(/^\d+\.\d$/);
    expect(log.runs[0].results.every((x: { locations: unknown[] }) => x.locations.length === 1)).toBe(true);
  });
});

describe('the shipped example stacks', () => {
  const examples = readdirSync(join(root, 'fixtures'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !['invalid', 'lint', 'import', 'fidelity'].includes(d.name))
    .map((d) => d.name);

  // Clean: exit 0 with no error or warning. Notes are allowed: design-sketch is the design card's sketch
  // verbatim (docs/architecture.md), and its api keeps a writable root file system (read-only-root-fs, info).
  it.each(examples)('%s lints clean', (name) => {
    const r = runCli(['lint', '-f', `fixtures/${name}/stack.yaml`], root);
    expect(r.stderr).toBe('');
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout, r.stdout).toMatch(/^✔ (no problems|\d+ notes?) · \d+ rules$/m);
  });
});
