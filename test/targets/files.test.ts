// `files:` (issue 21, item 2) on every target: what the deployment model decides once (content,
// what may be written) and how each platform mounts it.
import { describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { parseDocument } from 'yaml';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import type { ProjectFiles } from '../../src/dockerfile/reader.js';
import type { Artifact } from '../../src/emit/target.js';
import compose from '../../targets/compose/index.js';
import fly from '../../targets/fly/index.js';
import kubernetes from '../../targets/kubernetes/index.js';
import railway from '../../targets/railway/index.js';
import { loadDiagnostics, loadOk, stackYaml } from '../helpers.js';
import { kubernetesProblems, parseYamlDocuments } from '../platform-schemas.js';
import { emitContext, emitTarget } from './context.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NGINX = 'events {}\nhttp { server { listen 8080; location / { return 200 "$host"; } } }\n';
const repo = (extra: Record<string, string> = {}): ProjectFiles => (path) => ({ 'nginx.conf': NGINX, ...extra })[path];

const proxy = (files: string, targets = 'compose: {}\n  kubernetes: {}\n  fly: {}\n  railway: {}') =>
  loadOk(
    stackYaml(`services:
  api:
    image: acme/api:1.0
    user: "1000:1000"
    ports: [8000]
  proxy:
    image: nginxinc/nginx-unprivileged:1.27-alpine
    ports: [8080]
    files:
${files}
resources:
  db: { type: postgres }
targets:
  ${targets}
`),
  );

const FILES = `      - path: /etc/nginx/nginx.conf
        source: ./nginx.conf
      - path: /etc/nginx/conf.d/upstream.conf
        content: "upstream api { server \${services.api.host}:\${services.api.port}; }\\n"
        mode: "0440"`;

function run(target: typeof compose, stack: ReturnType<typeof loadOk>, name: string, files: ProjectFiles = repo()) {
  const ctx = emitContext(stack, name, { files });
  return { artifacts: emitTarget(target, ctx), problems: ctx.problems };
}
const artifact = (artifacts: Artifact[], path: string | RegExp): Artifact => artifacts.find((a) => (typeof path === 'string' ? a.path === path : path.test(a.path)))!;

describe('files: in the model', () => {
  it('normalizes sources, modes and per-environment lists (an override replaces the list)', () => {
    const stack = loadOk(
      stackYaml(`environments: { staging: {}, production: {} }
services:
  proxy:
    image: nginx:1.27-alpine
    files:
      - { path: /etc/nginx/nginx.conf, source: ./conf/../nginx.conf, mode: "440" }
    environments:
      production:
        files:
          - { path: /etc/app.ini, content: "env = \${environment.name}\\n" }
`),
    );
    const staging = stack.views.get('staging')!.services[0]!.files;
    expect(staging).toEqual([{ path: '/etc/nginx/nginx.conf', content: { kind: 'repository', source: 'nginx.conf', at: ['services', 'proxy', 'files', 0, 'source'] }, mode: 0o440, at: ['services', 'proxy', 'files', 0] }]);
    const production = stack.views.get('production')!.services[0]!.files;
    expect(production).toEqual([expect.objectContaining({ path: '/etc/app.ini', content: expect.objectContaining({ kind: 'inline', template: { parts: ['env = production\n'] } }) })]);
  });

  it('reads a repository file as literal text, and refuses one it cannot read at its source', () => {
    const stack = proxy(FILES);
    const read = resolveDeployment(stack, undefined, repo());
    expect(read.model.environments[0]!.service('proxy')!.files[0]!.text).toEqual({ parts: [NGINX] });
    expect(read.problems).toEqual([]);
    const missing = resolveDeployment(stack, undefined, () => undefined);
    expect(missing.problems).toEqual([expect.objectContaining({ severity: 'error', code: 'missing-file', path: ['services', 'proxy', 'files', 0, 'source'] })]);
    // Without a reader (graph, lint) the content is unknown, and nothing is reported.
    expect(resolveDeployment(stack).problems).toEqual([]);
  });

  it('counts what an inline file references as a need', () => {
    const stack = proxy(`      - { path: /etc/db.url, content: "\${resources.db.host}" }`, 'compose: {}');
    const service = resolveDeployment(stack).model.environments[0]!.service('proxy')!;
    expect(service.uses).toEqual(['db']);
  });

  it('refuses two files at one path in an environment', () => {
    const d = loadDiagnostics(stackYaml(`services:\n  p:\n    image: nginx:1.27-alpine\n    files:\n      - { path: /a, content: x }\n      - { path: /a, content: y }\n`));
    expect(d).toEqual([expect.objectContaining({ code: 'duplicate-file-path', at: expect.objectContaining({ line: 8 }) })]);
  });
});

describe('files: on Compose', () => {
  it('mounts a repository file by `file:` and inline content by `content:`, references resolved and `$` escaped', () => {
    const { artifacts, problems } = run(compose, proxy(`${FILES}\n      - { path: /srv/price.txt, content: "costs $5\\n" }`), 'compose');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const doc = parseDocument(artifact(artifacts, 'compose.yaml').content).toJS() as Obj;
    expect(doc.services.proxy.configs).toEqual([
      { source: 'proxy-nginx.conf', target: '/etc/nginx/nginx.conf' },
      { source: 'proxy-upstream.conf', target: '/etc/nginx/conf.d/upstream.conf', mode: 0o440 },
      { source: 'proxy-price.txt', target: '/srv/price.txt' },
    ]);
    expect(doc.configs).toEqual({
      'db-app-user': expect.anything(),
      'proxy-nginx.conf': { file: './nginx.conf' },
      'proxy-upstream.conf': { content: 'upstream api { server api:8000; }\n' },
      'proxy-price.txt': { content: 'costs $$5\n' },
    });
    expect(doc.services.proxy.depends_on).toEqual({ api: { condition: 'service_started' } });
  });

  it('leaves a secret in a file to the env file, filled in when the container starts', () => {
    const { artifacts } = run(compose, proxy(`      - { path: /etc/db.url, content: "\${resources.db.password}" }`, 'compose: {}'), 'compose');
    const doc = parseDocument(artifact(artifacts, 'compose.yaml').content).toJS() as Obj;
    expect(doc.configs['proxy-db.url']).toEqual({ content: '${DB_PASSWORD:?set it in .env (see .env.example)}' });
  });
});

describe('files: on Kubernetes', () => {
  const objectsOf = (artifacts: Artifact[]) => artifacts.filter((a) => a.path.endsWith('.yaml') && !a.path.endsWith('kustomization.yaml')).flatMap((a) => parseYamlDocuments(a.content) as Obj[]);

  it('mounts each file from a ConfigMap named after its content, with subPath, items and modes', () => {
    const { artifacts, problems } = run(kubernetes, proxy(FILES, 'kubernetes: {}'), 'kubernetes');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const objects = objectsOf(artifacts);
    const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('proxy-files-'))!;
    expect(map.metadata.name).toMatch(/^proxy-files-[0-9a-f]{10}$/);
    expect(map.immutable).toBe(true);
    expect(map.data).toEqual({ 'nginx.conf': NGINX, 'upstream.conf': 'upstream api { server api:8000; }\n' });
    const pod = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'proxy')!.spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'files', configMap: { name: map.metadata.name, items: [{ key: 'nginx.conf', path: 'nginx.conf' }, { key: 'upstream.conf', path: 'upstream.conf', mode: 0o440 }] } });
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'files', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true },
      { name: 'files', mountPath: '/etc/nginx/conf.d/upstream.conf', subPath: 'upstream.conf', readOnly: true },
    ]);
    for (const o of [map, objects.find((x) => x.kind === 'Deployment' && x.metadata.name === 'proxy')!]) expect(kubernetesProblems(o), o.kind).toEqual([]);
    // A changed file is a new ConfigMap: the pods roll.
    const changed = objectsOf(run(kubernetes, proxy(FILES, 'kubernetes: {}'), 'kubernetes', repo({ 'nginx.conf': `${NGINX}# changed\n` })).artifacts);
    expect(changed.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('proxy-files-'))!.metadata.name).not.toBe(map.metadata.name);
  });

  it('refuses a secret in a file, and files over 1 MiB, at their lines', () => {
    const secret = run(kubernetes, proxy(`      - { path: /etc/db.url, content: "url: \${resources.db.url}" }`, 'kubernetes: {}'), 'kubernetes');
    expect(secret.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'kubernetes/file-secret', path: ['services', 'proxy', 'files', 0, 'content'], message: expect.stringContaining('`${resources.db.url}`') }),
    ]);
    const big = 'x'.repeat(600 * 1024);
    const huge = run(kubernetes, proxy(`      - { path: /a, source: ./a }\n      - { path: /b, source: ./b }`, 'kubernetes: {}'), 'kubernetes', repo({ a: big, b: big }));
    expect(huge.problems.filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ code: 'kubernetes/file-too-big', path: ['services', 'proxy', 'files', 1] })]);
  });
});

describe('files: on Fly.io and Railway', () => {
  it('writes each file as [[files]] raw_value, the mode a note', () => {
    const { artifacts, problems } = run(fly, proxy(FILES, 'fly: {}'), 'fly');
    const toml = parseToml(artifact(artifacts, /fly\.proxy.*\.toml$/).content) as Obj;
    expect(toml.files.map((f: Obj) => [f.guest_path, Buffer.from(f.raw_value, 'base64').toString('utf8')])).toEqual([
      ['/etc/nginx/nginx.conf', NGINX],
      ['/etc/nginx/conf.d/upstream.conf', expect.stringMatching(/^upstream api \{ server .*\.flycast:8000; \}\n$/)],
    ]);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'fly/file-mode', path: ['services', 'proxy', 'files', 1, 'mode'] }));
    const secret = run(fly, proxy(`      - { path: /etc/db.pw, content: "\${resources.db.password}" }`, 'fly: {}'), 'fly');
    expect(secret.problems.filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ code: 'fly/file-secret' })]);
  });

  it('reports each file as left out on Railway', () => {
    const { problems } = run(railway, proxy(FILES, 'railway: {}'), 'railway');
    expect(problems.filter((p) => p.code === 'railway/files').map((p) => p.path)).toEqual([
      ['services', 'proxy', 'files', 0],
      ['services', 'proxy', 'files', 1],
    ]);
  });
});
