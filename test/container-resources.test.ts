// Container resources (issue 20, item 5): any image as a backing service, with the outputs it
// declares. One shared decision (src/deploy/container-outputs.ts) of what each output is; each
// target spells only the container's host, and its secrets come from the platform's store.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { containerOutput } from '../src/deploy/container-outputs.js';
import { BUILTIN_TARGETS } from '../src/emit/registry.js';
import { parseOutputTemplate } from '../src/model/container-outputs.js';
import { resourceOutputs } from '../src/model/resource-types.js';
import { loadDiagnostics, loadOk } from './helpers.js';
import { artifactText, emitContext, emitTarget, loadFixture } from './targets/context.js';

const target = (name: string) => BUILTIN_TARGETS.find((t) => t.name === name)!;

const STACK = `stack: 1
name: shop
environments:
  development: {}
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/shop/api:1.4.2
    ports: [8000]
    env:
      SEARCH_URL: \${resources.search.url}
      SEARCH_HOST: \${resources.search.host}
      SEARCH_PASSWORD: \${resources.search.password}
resources:
  search:
    type: container
    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
    port: 9200
    environment:
      discovery.type: single-node
    volume: /usr/share/elasticsearch/data
    outputs:
      url: http://\${host}:\${port}
      password: { secret: true }
    environments:
      production: { external: true }
`;

const codes = (text: string) => loadDiagnostics(text).map((d) => `${d.at?.line}:${d.at?.col} ${d.code}`);

describe('output templates', () => {
  it('are text, `${host}` and `${port}`; `$${` is a literal `${`; anything else is unknown, with its offset', () => {
    expect(parseOutputTemplate('http://${host}:${port}/x').parts).toEqual([{ kind: 'text', text: 'http://' }, { kind: 'host' }, { kind: 'text', text: ':' }, { kind: 'port' }, { kind: 'text', text: '/x' }]);
    expect(parseOutputTemplate('a$${b}').parts).toEqual([{ kind: 'text', text: 'a${b}' }]);
    expect(parseOutputTemplate('http://${hots}').unknown).toEqual([{ text: '${hots}', name: 'hots', offset: 7 }]);
  });
});

describe('the container resource in the model', () => {
  it('offers host, port and its declared outputs', () => {
    expect(resourceOutputs('container', ['url', 'password'])).toEqual(['host', 'port', 'url', 'password']);
  });

  it('takes its image, port, variables and volume as written, and its version from the tag', () => {
    const r = loadOk(STACK).views.get('development')!.resources[0]!;
    expect(r).toMatchObject({ image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.0', port: 9200, version: '8.15.0' });
    expect(r.container).toMatchObject({ environment: [{ name: 'discovery.type', value: 'single-node' }], volume: '/usr/share/elasticsearch/data' });
  });

  it('resolves outputs once: the host as the target spells it, secrets from `<NAME>_<OUTPUT>`, everything from a secret where external', () => {
    const stack = loadOk(STACK);
    const dev = stack.views.get('development')!.resources[0]!;
    const host = [{ kind: 'text' as const, text: 'search' }];
    expect(containerOutput(dev, 'url', host)).toEqual([{ kind: 'text', text: 'http://' }, { kind: 'text', text: 'search' }, { kind: 'text', text: ':' }, { kind: 'text', text: '9200' }]);
    expect(containerOutput(dev, 'password', host)).toEqual([{ kind: 'secret', name: 'SEARCH_PASSWORD', resource: 'search' }]);
    const prod = stack.views.get('production')!.resources[0]!;
    expect(containerOutput(prod, 'host', host)).toEqual([{ kind: 'secret', name: 'SEARCH_HOST', resource: 'search' }]);
  });
});

describe('checks at file:line:col', () => {
  it('a container without image or port, at the resource', () => {
    const d = loadDiagnostics(STACK.replace('    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0\n    port: 9200\n', ''));
    expect(d.map((x) => `${x.at?.line}:${x.at?.col} ${x.code}`)).toEqual(['15:3 missing-container-setting', '15:3 missing-container-setting']);
    expect(d[0]!.hint).toContain('image:');
  });

  it('an unknown `${...}` in an output template, at the reference itself', () => {
    const d = loadDiagnostics(STACK.replace('http://${host}', 'http://${hostname}'));
    expect(d.map((x) => `${x.at?.line}:${x.at?.col} ${x.code}`)).toEqual(['23:19 unknown-output-variable']);
    expect(d[0]!.message).toContain('`${hostname}`');
  });

  it('an output named like a built-in, at its key', () => {
    expect(codes(STACK.replace('      password: { secret: true }\n', '      password: { secret: true }\n      host: x\n'))).toEqual(['25:7 reserved-output-name']);
  });

  it('a consumer reading an output the container does not declare, with the ones it has', () => {
    const d = loadDiagnostics(STACK.replace('${resources.search.host}', '${resources.search.user}'));
    expect(d.map((x) => x.code)).toEqual(['unknown-reference']);
    expect(d[0]!.hint).toMatch(/host.*port.*url.*password/);
  });

  it('container settings on another type, and `version` on a container', () => {
    const other = `stack: 1\nname: shop\nservices:\n  api: { image: nginx:1.27 }\nresources:\n  db:\n    type: postgres\n    image: postgres:17\n`;
    expect(codes(other)).toEqual(['8:5 container-only-setting']);
    expect(codes(STACK.replace('    port: 9200\n', '    port: 9200\n    version: "8"\n'))).toEqual(['19:5 container-only-setting']);
    expect(codes(STACK.replace('    port: 9200\n', '    port: 9200\n    database: products\n'))).toEqual(['19:5 container-only-setting']);
  });

  it('exits 2 through the CLI path: nothing loads', () => {
    expect(loadDiagnostics(STACK.replace('http://${host}', 'http://${x}')).every((d) => d.severity === 'error')).toBe(true);
  });
});

describe('rendering', () => {
  it('Compose: the image with its variables (escaped) and volume, no healthcheck; services wait for its start', () => {
    const stack = loadOk(STACK.replace('discovery.type: single-node', 'discovery.type: single-node\n      PRICE: $5'));
    const files = emitTarget(target('compose'), emitContext(stack, 'compose'));
    const dev = parseYaml(artifactText(files, 'compose.yaml'));
    expect(dev.services.search).toMatchObject({ image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.0', environment: { 'discovery.type': 'single-node', PRICE: '$$5' }, volumes: ['search-data:/usr/share/elasticsearch/data'] });
    expect(dev.services.search.healthcheck).toBeUndefined();
    expect(dev.services.api.depends_on.search.condition).toBe('service_started');
    expect(dev.services.api.environment).toMatchObject({ SEARCH_URL: 'http://search:9200', SEARCH_HOST: 'search', SEARCH_PASSWORD: '${SEARCH_PASSWORD:?set it in .env (see .env.example)}' });
    const prod = parseYaml(artifactText(files, 'compose.production.yaml'));
    expect(prod.services.search).toBeUndefined();
    expect(prod.services.api.environment.SEARCH_URL).toBe('${SEARCH_URL:?set it in .env.production (see .env.production.example)}');
  });

  it('Kubernetes: a StatefulSet probed over TCP, the secret output from the Secret; nothing in production', () => {
    const files = emitTarget(target('kubernetes'), emitContext(loadOk(STACK), 'kubernetes'));
    const set = parseYaml(artifactText(files, 'deploy/kubernetes/overlays/development/statefulset-search.yaml'));
    const c = set.spec.template.spec.containers[0];
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 'tcp' });
    expect(c.env).toEqual([{ name: 'discovery.type', value: 'single-node' }]);
    // Its image's user is unknown: non-root only (the kubelet checks the image's numeric USER), and said in the file.
    expect(set.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(artifactText(files, 'deploy/kubernetes/overlays/development/statefulset-search.yaml')).toContain('set `user:` otherwise');
    const all = files.map((f) => f.content).join('\n');
    expect(all).toMatch(/name: SEARCH_PASSWORD\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: shop-secrets\n\s+key: SEARCH_PASSWORD/);
    expect(files.some((f) => f.path.endsWith('production/statefulset-search.yaml'))).toBe(false);
  });

  it('Kubernetes: `user:` becomes the pod\'s user and group', () => {
    const files = emitTarget(target('kubernetes'), emitContext(loadOk(STACK.replace('    port: 9200\n', '    port: 9200\n    user: "1000:1000"\n')), 'kubernetes'));
    const set = parseYaml(artifactText(files, 'deploy/kubernetes/overlays/development/statefulset-search.yaml'));
    expect(set.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 });
  });

  it('Railway: a service of the image, reached at its private domain', () => {
    const files = emitTarget(target('railway'), emitContext(loadOk(STACK), 'railway'));
    const dev = artifactText(files, 'railway.development.env');
    expect(dev).toContain('SEARCH_URL=http://${{search.RAILWAY_PRIVATE_DOMAIN}}:9200');
    expect(dev).toContain('+ New → Docker Image docker.elastic.co/elasticsearch/elasticsearch:8.15.0');
  });

  it('Fly: the host is the user\'s to set, so the URL is too', () => {
    const dev = artifactText(emitTarget(target('fly'), emitContext(loadOk(STACK), 'fly')), 'fly.development.toml');
    expect(dev).not.toMatch(/^\s*SEARCH_URL =/m);
    expect(dev).toContain('search: container docker.elastic.co/elasticsearch/elasticsearch:8.15.0');
  });
});

describe('a secret output handed to the container (`{ secret: <output> }`)', () => {
  const WITH = STACK.replace('      discovery.type: single-node\n', '      discovery.type: single-node\n      ELASTIC_PASSWORD: { secret: password }\n');

  it('Compose: the env file\'s secret, the same one services read', () => {
    const dev = parseYaml(artifactText(emitTarget(target('compose'), emitContext(loadOk(WITH), 'compose')), 'compose.yaml'));
    expect(dev.services.search.environment.ELASTIC_PASSWORD).toBe('${SEARCH_PASSWORD:?set it in .env (see .env.example)}');
    expect(dev.services.api.environment.SEARCH_PASSWORD).toBe('${SEARCH_PASSWORD:?set it in .env (see .env.example)}');
  });

  it('Kubernetes: the key of the Secret, listed among the keys to create', () => {
    const files = emitTarget(target('kubernetes'), emitContext(loadOk(WITH), 'kubernetes'));
    const set = parseYaml(artifactText(files, 'deploy/kubernetes/overlays/development/statefulset-search.yaml'));
    expect(set.spec.template.spec.containers[0].env).toContainEqual({ name: 'ELASTIC_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'SEARCH_PASSWORD' } } });
  });

  it('CI: a throwaway value, for the container and the steps alike', () => {
    const stack = loadOk(`${WITH}ci:\n  services: [search]\n  steps: { test: npm test }\ntargets:\n  github-actions: {}\n`);
    const ci = parseYaml(artifactText(emitTarget(target('github-actions'), emitContext(stack, 'github-actions')), '.github/workflows/ci.yml'));
    const job = Object.values(ci.jobs as Record<string, { env?: Record<string, string>; services?: Record<string, { env: Record<string, string> }> }>).find((j) => j.services)!;
    expect(job.services!.search!.env.ELASTIC_PASSWORD).toBe('ci-password');
    expect(job.env).toMatchObject({ SEARCH_PASSWORD: 'ci-password', SEARCH_URL: 'http://localhost:9200' });
  });

  it('refuses an output that is not declared secret, at the value', () => {
    const d = loadDiagnostics(WITH.replace('{ secret: password }', '{ secret: pasword }'));
    expect(d.map((x) => `${x.at?.line}:${x.at?.col} ${x.code}`)).toEqual(['21:35 unknown-secret-output']);
    expect(d[0]!.hint).toContain('password');
  });
});

describe('the container-resource fixture', () => {
  // Its files against the platforms' schemas: test/platform-schemas-all.test.ts, with every fixture.
  it('CI starts the container without a health check, and the app reaches it on localhost', () => {
    const ci = parseYaml(artifactText(emitTarget(target('github-actions'), emitContext(loadFixture('fidelity/container-resource'), 'github-actions')), '.github/workflows/ci.yml'));
    expect(JSON.stringify(ci)).toContain('"ELASTICSEARCH_URL":"http://localhost:9200"');
  });
});
