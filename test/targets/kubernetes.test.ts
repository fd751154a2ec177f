import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Artifact, BuildProblem, EmitContext } from '../../src/build/target.js';
import { loadStackFile } from '../../src/load/load-stack.js';
import type { Stack } from '../../src/model/stack.js';
import kubernetes from '../../targets/kubernetes/index.js';
import { loadOk, root, stackYaml } from '../helpers.js';
import { kubernetesProblems, kustomizationProblems, parseYamlDocuments } from '../platform-schemas.js';
import { reportOnce } from '../../src/build/render.js';

// ---------------------------------------------------------------------------------------------
// Helpers

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string> };
type Built = { artifacts: Artifact[]; problems: BuildProblem[] };

const BASE = 'deploy/kubernetes/base';
const overlay = (env: string) => `deploy/kubernetes/overlays/${env}`;

const allServices = (stack: Stack): string[] => [...new Set([...stack.views.values()].flatMap((v) => v.services.map((s) => s.name)))];

/** The context `stackc build` gives the target: its own filters, or every environment and service. */
function contextFor(stack: Stack, overrides: Partial<EmitContext> = {}): EmitContext & { problems: BuildProblem[] } {
  const config = stack.targets.find((t) => t.name === 'kubernetes');
  const problems: BuildProblem[] = [];
  return {
    environments: config?.environments ?? stack.environments.map((e) => e.name),
    services: config?.services ?? allServices(stack),
    options: config?.options ?? {},
    stackFile: 'stack.yaml',
    report: reportOnce((p) => problems.push(p)), // as `stackc build` does
    problems,
    ...overrides,
  };
}

function build(stack: Stack, overrides: Partial<EmitContext> = {}): Built {
  const ctx = contextFor(stack, overrides);
  return { artifacts: kubernetes.emit(stack, ctx), problems: ctx.problems };
}

const buildText = (yaml: string, overrides: Partial<EmitContext> = {}): Built => build(loadOk(stackYaml(yaml)), overrides);

function loadFixture(name: string): Stack {
  const result = loadStackFile(`${root}fixtures/${name}/stack.yaml`);
  if (!result.stack) throw new Error(`fixtures/${name} does not load: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.stack;
}

const parse = (a: Artifact): Obj => parseYamlDocuments(a.content)[0] as Obj;

/** Resources a kustomization lists (files and directories), resolved to artifact paths. */
const kustomizationResources = (a: Artifact): string[] => {
  const dir = a.path.slice(0, a.path.lastIndexOf('/'));
  return ((parse(a) as unknown as { resources: string[] }).resources ?? []).map((r) => (r === '../../base' ? BASE : `${dir}/${r}`));
};

/** What `kubectl apply -k overlays/<env>` applies: the base's objects plus the overlay's. */
function applied(artifacts: Artifact[], env: string): Obj[] {
  const byPath = new Map(artifacts.map((a) => [a.path, a]));
  const collect = (kustomizationPath: string): Obj[] =>
    kustomizationResources(byPath.get(kustomizationPath)!).flatMap((p) => (p === BASE ? collect(`${BASE}/kustomization.yaml`) : [parse(byPath.get(p)!)]));
  return collect(`${overlay(env)}/kustomization.yaml`);
}

const find = (objects: Obj[], kind: string, name: string): Obj | undefined => objects.find((o) => o.kind === kind && o.metadata.name === name);
function get(objects: Obj[], kind: string, name: string): Obj {
  const o = find(objects, kind, name);
  if (!o) throw new Error(`no ${kind} ${name} among ${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return o;
}
const container = (workload: Obj) => workload.spec.template.spec.containers[0];
const envEntry = (c: any, name: string) => (c.env ?? []).find((e: any) => e.name === name);

// ---------------------------------------------------------------------------------------------
// Every fixture, every environment

const fixtures = readdirSync(`${root}fixtures`, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`${root}fixtures/${d.name}/stack.yaml`))
  .map((d) => d.name);

describe('kubernetes target: every fixture', () => {
  it('covers the shipped examples', () => {
    expect(fixtures).toEqual(expect.arrayContaining(['fullstack', 'saas', 'minimal', 'design-sketch']));
  });

  for (const name of fixtures) {
    describe(`fixtures/${name}`, () => {
      const stack = loadFixture(name);
      const ctx = contextFor(stack);
      const { artifacts, problems } = build(stack);

      it('emits a base and one overlay per environment, every file with the generated header', () => {
        const paths = artifacts.map((a) => a.path);
        expect(paths).toContain(`${BASE}/kustomization.yaml`);
        for (const env of ctx.environments) expect(paths).toContain(`${overlay(env)}/kustomization.yaml`);
        for (const a of artifacts) {
          expect(a.path.startsWith('deploy/kubernetes/')).toBe(true);
          expect(a.target).toBe('kubernetes');
          expect(a.content.startsWith('# Generated by stackc from stack.yaml.')).toBe(true);
          expect(a.content.endsWith('\n')).toBe(true);
          if (a.path.startsWith(`${BASE}/`)) expect(a.environment).toBeUndefined();
          else expect(ctx.environments).toContain(a.environment);
        }
        expect(new Set(paths).size).toBe(paths.length);
        expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
        for (const p of problems) expect(p.code).toMatch(/^kubernetes\//);
      });

      it('every object passes the Kubernetes 1.30 strict schema; every kustomization passes its schema', () => {
        for (const a of artifacts) {
          const docs = parseYamlDocuments(a.content);
          expect(docs).toHaveLength(1);
          const doc = docs[0] as Obj;
          const problemsOf = a.path.endsWith('/kustomization.yaml') ? kustomizationProblems(doc) : kubernetesProblems(doc);
          expect({ path: a.path, problems: problemsOf }).toEqual({ path: a.path, problems: [] });
        }
      });

      it('kustomizations list only files that exist; no object is in both the base and an overlay', () => {
        const paths = new Set(artifacts.map((a) => a.path));
        for (const k of artifacts.filter((a) => a.path.endsWith('/kustomization.yaml'))) {
          for (const r of kustomizationResources(k)) expect(r === BASE || paths.has(r), `${k.path} lists ${r}`).toBe(true);
        }
        // Every non-kustomization file is listed by its kustomization.
        const listed = new Set(artifacts.filter((a) => a.path.endsWith('/kustomization.yaml')).flatMap(kustomizationResources));
        for (const a of artifacts.filter((x) => !x.path.endsWith('/kustomization.yaml'))) expect(listed.has(a.path), `${a.path} is not listed`).toBe(true);
        for (const env of ctx.environments) {
          const keys = applied(artifacts, env).map((o) => `${o.kind}/${o.metadata.name}`);
          expect(new Set(keys).size, `duplicates in ${env}: ${keys.join(', ')}`).toBe(keys.length);
        }
      });

      it('is deterministic', () => {
        expect(build(stack).artifacts).toEqual(artifacts);
      });

      it('never emits a Secret, and reads secrets only through secretKeyRef of the stack Secret', () => {
        for (const env of ctx.environments) {
          const objects = applied(artifacts, env);
          expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
          for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
            for (const value of Object.values(cm.data ?? {})) expect(value).not.toMatch(/:\/\/[^/\s]*:[^/\s]*@/);
          }
          for (const w of objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')) {
            const spec = w.spec.template.spec;
            expect(spec.automountServiceAccountToken).toBe(false);
            expect(spec.enableServiceLinks).toBe(false);
            for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
              const defined: string[] = [];
              for (const e of c.env ?? []) {
                if (e.valueFrom) expect(e.valueFrom.secretKeyRef.name).toBe(`${stack.name}-secrets`);
                // A `$(VAR)` reference points at an earlier, secret-sourced variable.
                for (const [, ref] of String(e.value ?? '').replace(/\$\$/g, '').matchAll(/\$\(([^)]*)\)/g)) expect(defined, `${w.metadata.name}: ${e.name}`).toContain(ref);
                if (e.valueFrom) defined.push(e.name);
                if (e.value !== undefined) expect(e.value).not.toMatch(/:\/\/[^/\s$]*:[^/\s$]+@/);
              }
            }
          }
        }
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// fullstack: staging and production

describe('kubernetes target: fullstack', () => {
  const stack = loadFixture('fullstack');
  const { artifacts, problems } = build(stack);
  const staging = applied(artifacts, 'staging');
  const production = applied(artifacts, 'production');

  it('writes the options namespace everywhere, with a restricted Namespace', () => {
    const ns = get(staging, 'Namespace', 'pazpaz');
    expect(ns.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const o of staging.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace).toBe('pazpaz');
    for (const k of artifacts.filter((a) => a.path.endsWith('kustomization.yaml'))) expect((parse(k) as any).namespace).toBe('pazpaz');
  });

  it('labels objects with the recommended labels and selects on stable ones', () => {
    const api = get(staging, 'Deployment', 'api');
    expect(api.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'api',
      'app.kubernetes.io/part-of': 'pazpaz',
      'app.kubernetes.io/component': 'server',
      'app.kubernetes.io/managed-by': 'stackc',
    });
    expect(api.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'pazpaz' });
    expect(get(staging, 'Service', 'api').spec.selector).toEqual(api.spec.selector.matchLabels);
  });

  it('hardens the pod and the container', () => {
    const pod = get(staging, 'Deployment', 'api').spec.template.spec;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    // read_only: a writable /tmp.
    expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: {} });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('maps the http healthcheck to readiness, liveness and a startup probe for start_period', () => {
    const c = container(get(staging, 'Deployment', 'api'));
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/health', port: 'http' }, periodSeconds: 30, timeoutSeconds: 3, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/health', port: 'http' }, periodSeconds: 30, timeoutSeconds: 3, failureThreshold: 6 });
    // start_period 40s at 10s a try, plus the usual retries.
    expect(c.startupProbe).toEqual({ httpGet: { path: '/health', port: 'http' }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 7 });
  });

  it('maps a command healthcheck to exec probes, with no startup probe without start_period', () => {
    const c = container(get(staging, 'Deployment', 'worker'));
    expect(c.readinessProbe.exec.command).toEqual(['python', '-m', 'pazpaz.worker.healthcheck']);
    expect(c.readinessProbe).toMatchObject({ periodSeconds: 60, timeoutSeconds: 10, failureThreshold: 3 });
    expect(c.startupProbe).toBeUndefined();
  });

  it('sets requests and limits from resources', () => {
    expect(container(get(staging, 'Deployment', 'api')).resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(container(get(staging, 'Deployment', 'worker')).resources).toEqual({ requests: { cpu: '250m', memory: '384Mi' }, limits: { cpu: '250m', memory: '384Mi' } });
  });

  it('runs command as args and release as an init container with the same env', () => {
    const pod = get(staging, 'Deployment', 'api').spec.template.spec;
    expect(pod.containers[0].args).toEqual(['uvicorn', 'pazpaz.main:app', '--host', '0.0.0.0', '--port', '8000']);
    expect(pod.containers[0].command).toBeUndefined();
    expect(pod.initContainers).toHaveLength(1);
    expect(pod.initContainers[0]).toMatchObject({ name: 'release', image: 'ghcr.io/pazpaz/api', args: ['alembic', 'upgrade', 'head'] });
    expect(pod.initContainers[0].env).toEqual(pod.containers[0].env);
    expect(pod.initContainers[0].envFrom).toEqual(pod.containers[0].envFrom);
  });

  it('keeps fixed replicas in staging and hands them to an HPA in production', () => {
    expect(get(staging, 'Deployment', 'api').spec.replicas).toBe(2);
    expect(find(staging, 'HorizontalPodAutoscaler', 'api')).toBeUndefined();
    expect(get(production, 'Deployment', 'api').spec.replicas).toBeUndefined();
    expect(get(production, 'HorizontalPodAutoscaler', 'api').spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
  });

  it('adds a PodDisruptionBudget only where more than one pod runs', () => {
    expect(get(staging, 'PodDisruptionBudget', 'api').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'pazpaz' } } });
    expect(find(production, 'PodDisruptionBudget', 'api')).toBeDefined();
    expect(find(staging, 'PodDisruptionBudget', 'worker')).toBeUndefined();
  });

  it('exposes the public service through an Ingress with class, TLS and the cert-manager issuer', () => {
    const ing = get(production, 'Ingress', 'api');
    expect(ing.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(ing.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['api.pazpaz.example'], secretName: 'api-tls' }],
      rules: [{ host: 'api.pazpaz.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8000 } } } }] } }],
    });
    expect(get(staging, 'Ingress', 'api').spec.rules[0].host).toBe('api.staging.pazpaz.example');
    expect(find(staging, 'Ingress', 'worker')).toBeUndefined();
    expect(get(staging, 'Service', 'api').spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'http', port: 8000, targetPort: 'http', protocol: 'TCP' }] });
    expect(find(staging, 'Service', 'worker')).toBeUndefined();
  });

  it('runs postgres as a hardened StatefulSet in staging, with its password from the Secret', () => {
    const db = get(staging, 'StatefulSet', 'db');
    expect(db.spec.serviceName).toBe('db');
    expect(db.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('10Gi');
    const c = container(db);
    expect(c.image).toBe('postgres:16');
    expect(envEntry(c, 'POSTGRES_PASSWORD')).toEqual({ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'pazpaz-secrets', key: 'DB_PASSWORD' } } });
    expect(c.readinessProbe.exec.command[0]).toBe('pg_isready');
    // The official image's layout from 18 on, for every version: the cluster below the volume's root.
    expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql' });
    expect(envEntry(c, 'PGDATA')).toEqual({ name: 'PGDATA', value: '/var/lib/postgresql/16/docker' });
    expect(db.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, fsGroup: 999 });
    expect(get(staging, 'Service', 'db').spec.clusterIP).toBe('None');
    const policy = get(staging, 'NetworkPolicy', 'db');
    expect(policy.spec.ingress[0].from[0].podSelector.matchExpressions[0].values).toEqual(['api', 'worker']);
  });

  it('builds the database URL in staging from the password with a dependent variable', () => {
    const c = container(get(staging, 'Deployment', 'api'));
    const names = c.env.map((e: any) => e.name);
    expect(envEntry(c, 'DB_PASSWORD')).toEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'pazpaz-secrets', key: 'DB_PASSWORD' } } });
    expect(envEntry(c, 'DATABASE_URL')).toEqual({ name: 'DATABASE_URL', value: 'postgresql://pazpaz:$(DB_PASSWORD)@db:5432/pazpaz' });
    expect(names.indexOf('DB_PASSWORD')).toBeLessThan(names.indexOf('DATABASE_URL'));
    for (const s of ['SECRET_KEY', 'SENTRY_DSN', 'SMTP_PASSWORD']) expect(envEntry(c, s)).toEqual({ name: s, valueFrom: { secretKeyRef: { name: 'pazpaz-secrets', key: s } } });
  });

  it('deploys nothing for the database that is external in production and reads its URL from the Secret', () => {
    expect(find(production, 'StatefulSet', 'db')).toBeUndefined();
    expect(find(production, 'Service', 'db')).toBeUndefined();
    expect(find(production, 'NetworkPolicy', 'db')).toBeUndefined();
    expect(artifacts.some((a) => a.path === `${BASE}/statefulset-db.yaml`)).toBe(false);
    for (const name of ['api', 'worker']) {
      const c = container(get(production, 'Deployment', name));
      expect(envEntry(c, 'DATABASE_URL')).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'pazpaz-secrets', key: 'DB_URL' } } });
      expect(envEntry(c, 'DB_PASSWORD')).toBeUndefined();
    }
    const k = artifacts.find((a) => a.path === `${overlay('production')}/kustomization.yaml`)!.content;
    expect(k).toMatch(/kubectl -n pazpaz create secret generic pazpaz-secrets/);
    expect(k).toMatch(/DB_URL +connection URL of `db`/);
    expect(k).not.toMatch(/DB_PASSWORD/);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'kubernetes/external-resource', path: ['resources', 'db', 'environments', 'production', 'external'] }));
  });

  it('puts plain variables in a ConfigMap, in declaration order, and rolls pods when it changes', () => {
    const cm = get(staging, 'ConfigMap', 'api-env');
    expect(Object.keys(cm.data!)).toEqual(['LOG_LEVEL', 'REDIS_URL', 'FRONTEND_URL', 'CORS_ORIGINS']);
    expect(cm.data).toMatchObject({ LOG_LEVEL: 'info', REDIS_URL: 'redis://cache:6379', FRONTEND_URL: 'https://staging.pazpaz.example' });
    expect(get(production, 'ConfigMap', 'api-env').data!.LOG_LEVEL).toBe('warning');
    const api = get(staging, 'Deployment', 'api');
    expect(container(api).envFrom).toEqual([{ configMapRef: { name: 'api-env' } }]);
    expect(api.spec.template.metadata.annotations['stackc/config-hash']).not.toBe(get(production, 'Deployment', 'api').spec.template.metadata.annotations['stackc/config-hash']);
  });

  it('keeps declaration order: services, then resources', () => {
    const files = applied(artifacts, 'staging').map((o) => `${o.kind}/${o.metadata.name}`);
    expect(files.indexOf('Deployment/api')).toBeLessThan(files.indexOf('Deployment/worker'));
    const stagingK = (parse(artifacts.find((a) => a.path === `${overlay('staging')}/kustomization.yaml`)!) as any).resources as string[];
    expect(stagingK[0]).toBe('../../base');
    expect(stagingK.indexOf('deployment-api.yaml')).toBeLessThan(stagingK.indexOf('deployment-worker.yaml'));
    expect(stagingK.indexOf('deployment-worker.yaml')).toBeLessThan(stagingK.indexOf('statefulset-db.yaml'));
  });

  it('shares what is identical between environments through the base', () => {
    const base = artifacts.filter((a) => a.path.startsWith(`${BASE}/`)).map((a) => a.path.slice(BASE.length + 1));
    expect(base).toEqual(expect.arrayContaining(['namespace-pazpaz.yaml', 'service-api.yaml', 'statefulset-cache.yaml', 'service-cache.yaml']));
    expect(base).not.toContain('deployment-api.yaml');
  });

  it('a named volume becomes a claim; one mounted by several pods asks for ReadWriteMany and says so', () => {
    const pvc = get(staging, 'PersistentVolumeClaim', 'uploads');
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteMany'], resources: { requests: { storage: '5Gi' } } });
    expect(get(staging, 'Deployment', 'api').spec.template.spec.volumes).toContainEqual({ name: 'uploads', persistentVolumeClaim: { claimName: 'uploads' } });
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kubernetes/shared-volume', path: ['services', 'api', 'volumes', 0] }));
  });

  it('reports what it cannot express once, at its stack.yaml path', () => {
    const tags = problems.filter((p) => p.code === 'kubernetes/image-tag');
    expect(tags.map((p) => p.path)).toEqual([
      ['services', 'api', 'image'],
      ['services', 'worker', 'image'],
    ]);
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'info', code: 'kubernetes/static-service', path: ['services', 'web'] }));
    const keys = problems.map((p) => JSON.stringify([p.code, p.path, p.message]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('writes the same base when building one environment (`--env`) as when building all', () => {
    const only = build(stack, { environments: ['production'] }).artifacts;
    expect(only.filter((a) => a.path.startsWith(`${BASE}/`))).toEqual(artifacts.filter((a) => a.path.startsWith(`${BASE}/`)));
    expect(only.some((a) => a.path.startsWith(overlay('staging')))).toBe(false);
    expect(only.filter((a) => a.environment === 'production')).toEqual(artifacts.filter((a) => a.environment === 'production'));
  });
});

// ---------------------------------------------------------------------------------------------
// Behaviour from small stacks

const objectsOf = (built: Built, env = 'development') => applied(built.artifacts, env);

describe('kubernetes target: env and references', () => {
  it('uses `$(VAR)` for a secret inside a larger string, and secretKeyRef for a whole secret', () => {
    const built = buildText(`services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: 1000
    ports: [8000]
    env:
      DSN: "\${resources.db.url}?sslmode=require"
      PASSWORD: \${resources.db.password}
      DB_HOST: \${resources.db.host}
      DB_PORT: \${resources.db.port}
      DB_USER: \${resources.db.user}
      DB_NAME: \${resources.db.database}
resources:
  db: { type: postgres }
`);
    // In development the password is read once and used in the URL and on its own.
    const dev = container(get(objectsOf(built), 'Deployment', 'api'));
    expect(dev.env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'DB_PASSWORD' } } },
      { name: 'DSN', value: 'postgresql://shop:$(DB_PASSWORD)@db:5432/shop?sslmode=require' },
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'DB_PASSWORD' } } },
    ]);
    expect(get(objectsOf(built), 'ConfigMap', 'api-env').data).toEqual({ DB_HOST: 'db', DB_PORT: '5432', DB_USER: 'shop', DB_NAME: 'shop' });
  });

  it('interpolates an external resource URL through a dependent variable', () => {
    const built = buildText(`environments:
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: 1000
    env:
      DSN: "\${resources.db.url}?sslmode=require"
resources:
  db: { type: postgres, external: true }
`);
    const c = container(get(objectsOf(built, 'production'), 'Deployment', 'api'));
    expect(c.env).toEqual([
      { name: 'DB_URL', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'DB_URL' } } },
      { name: 'DSN', value: '$(DB_URL)?sslmode=require' },
    ]);
  });

  it('renames the secret reader when the name is taken by another variable, and escapes `$` in literal text', () => {
    const built = buildText(`services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: 1000
    command: [sh, -c, "echo $$ $(date) $HOME"]
    env:
      DB_PASSWORD: not-the-same
      DSN: "\${resources.db.url}&note=$(x)"
resources:
  db: { type: postgres }
`);
    const objects = objectsOf(built);
    const c = container(get(objects, 'Deployment', 'api'));
    expect(c.env).toEqual([
      { name: 'STACKC_DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'DB_PASSWORD' } } },
      { name: 'DSN', value: 'postgresql://shop:$(STACKC_DB_PASSWORD)@db:5432/shop&note=$$(x)' },
    ]);
    // Kubernetes expands `$(date)` and turns `$$` into `$`: both are escaped so the shell gets the text as written.
    expect(c.args).toEqual(['sh', '-c', 'echo $$$ $$(date) $HOME']);
    expect(get(objects, 'ConfigMap', 'api-env').data).toEqual({ DB_PASSWORD: 'not-the-same' });
  });

  it('reuses a declared secret of the same name as the reader', () => {
    const built = buildText(`services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: 1000
    env:
      DSN: \${resources.db.url}
    secrets: [DB_PASSWORD]
resources:
  db: { type: mysql }
`);
    const c = container(get(objectsOf(built), 'Deployment', 'api'));
    expect(c.env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'DB_PASSWORD' } } },
      { name: 'DSN', value: 'mysql://shop:$(DB_PASSWORD)@db:3306/shop' },
    ]);
  });

  it('resolves service references to in-cluster DNS and public URLs', () => {
    const built = buildText(`environments:
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: 1000
    ports: [8000]
    public: { host: "api.\${environment.domain}", path: /v1 }
  web:
    image: ghcr.io/acme/web:1.0.0
    user: 1000
    ports: [3000]
    env:
      API_URL: \${services.api.url}
      API_HOST: \${services.api.host}
      API_PORT: \${services.api.port}
      API_PUBLIC: \${services.api.public_url}
targets:
  kubernetes: { ingress: { tls: true } }
`);
    expect(get(objectsOf(built, 'production'), 'ConfigMap', 'web-env').data).toEqual({
      API_URL: 'http://api:8000',
      API_HOST: 'api',
      API_PORT: '8000',
      API_PUBLIC: 'https://api.shop.example/v1',
    });
  });

  it('uses http public URLs when TLS is off, and https for a static site served elsewhere', () => {
    const built = buildText(`environments:
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: 1000
    ports: [8000]
    public: true
    env:
      SELF: \${services.api.public_url}
`);
    expect(get(objectsOf(built, 'production'), 'ConfigMap', 'api-env').data).toEqual({ SELF: 'http://shop.example' });
    // saas: the static site `web` is served by Vercel, over HTTPS.
    const saas = build(loadFixture('saas'));
    expect(get(objectsOf(saas, 'production'), 'ConfigMap', 'api-env').data!.APP_URL).toBe('https://invoicely.example');
  });
});

describe('kubernetes target: workloads', () => {
  const simple = (extra: string, targets = 'targets:\n  kubernetes: {}\n') =>
    buildText(`services:
  api:
    image: ghcr.io/acme/api:1.0.0
    ports: [8000]
${extra}${targets}`);

  it('maps a tcp healthcheck to tcpSocket probes', () => {
    const c = container(get(objectsOf(simple('    user: 1000\n    healthcheck: { tcp: 8000, interval: 5s, timeout: 1s, retries: 5 }\n')), 'Deployment', 'api'));
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 5 });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 10 });
  });

  it('omits probes for a disabled healthcheck and notes a missing one', () => {
    const disabled = simple('    user: 1000\n    healthcheck: { disable: true, reason: batch job }\n');
    expect(container(get(objectsOf(disabled), 'Deployment', 'api')).readinessProbe).toBeUndefined();
    expect(disabled.problems.map((p) => p.code)).not.toContain('kubernetes/no-probes');
    expect(simple('    user: 1000\n').problems).toContainEqual(expect.objectContaining({ code: 'kubernetes/no-probes', path: ['services', 'api'] }));
  });

  it('has no PDB, no HPA and no spread constraint for one replica', () => {
    const objects = objectsOf(simple('    user: 1000\n'));
    expect(find(objects, 'PodDisruptionBudget', 'api')).toBeUndefined();
    expect(find(objects, 'HorizontalPodAutoscaler', 'api')).toBeUndefined();
    expect(get(objects, 'Deployment', 'api').spec.replicas).toBe(1);
    expect(get(objects, 'Deployment', 'api').spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });

  it('autoscale with min 1 has an HPA but no PDB, and warns without a CPU request', () => {
    const built = simple('    user: 1000\n    autoscale: { min: 1, max: 4 }\n');
    const objects = objectsOf(built);
    expect(get(objects, 'HorizontalPodAutoscaler', 'api').spec).toMatchObject({ minReplicas: 1, maxReplicas: 4 });
    expect(find(objects, 'PodDisruptionBudget', 'api')).toBeUndefined();
    expect(get(objects, 'Deployment', 'api').spec.replicas).toBeUndefined();
    expect(built.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kubernetes/autoscale-without-cpu' }));
  });

  it('a single-pod service with a named volume gets a ReadWriteOnce claim and the Recreate strategy', () => {
    const objects = objectsOf(simple('    user: 1000\n    volumes: ["data:/var/data:ro"]\n'));
    expect(get(objects, 'PersistentVolumeClaim', 'data').spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    const d = get(objects, 'Deployment', 'api');
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    expect(container(d).volumeMounts).toEqual([{ name: 'data', mountPath: '/var/data', readOnly: true }]);
  });

  it('leaves out a bind mount with a warning at its path and a comment in the file', () => {
    const built = simple('    user: 1000\n    volumes: ["./src:/app/src"]\n');
    expect(built.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kubernetes/bind-mount', path: ['services', 'api', 'volumes', 0] }));
    const file = built.artifacts.find((a) => a.path.endsWith('/deployment-api.yaml'))!;
    expect(file.content).toMatch(/^# Bind mount \.\/src:\/app\/src left out/m);
    expect(get(objectsOf(built), 'Deployment', 'api').spec.template.spec.volumes).toBeUndefined();
  });

  it('warns about a missing user, a named user and root; root relaxes the namespace to baseline', () => {
    expect(simple('').problems).toContainEqual(expect.objectContaining({ code: 'kubernetes/user-unset' }));
    const named = simple('    user: app\n');
    expect(named.problems).toContainEqual(expect.objectContaining({ code: 'kubernetes/user-name', path: ['services', 'api', 'user'] }));
    expect(get(objectsOf(named), 'Deployment', 'api').spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const root = simple('    user: 0\n');
    expect(root.problems).toContainEqual(expect.objectContaining({ code: 'kubernetes/root-user' }));
    expect(get(objectsOf(root), 'Deployment', 'api').spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: false, runAsUser: 0 });
    expect(get(objectsOf(root), 'Namespace', 'shop').metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('baseline');
  });

  it('maps entrypoint to command, expands port ranges, and keeps UDP', () => {
    const objects = objectsOf(
      buildText(`services:
  dns:
    image: ghcr.io/acme/dns:2.0
    user: 1000
    entrypoint: [/bin/dns]
    command: [--verbose]
    ports: ["53:53/udp", "9000-9001"]
`),
    );
    const c = container(get(objects, 'Deployment', 'dns'));
    expect(c.command).toEqual(['/bin/dns']);
    expect(c.args).toEqual(['--verbose']);
    expect(c.ports).toEqual([
      { name: 'udp-53', containerPort: 53, protocol: 'UDP' },
      { name: 'tcp-9000', containerPort: 9000, protocol: 'TCP' },
      { name: 'tcp-9001', containerPort: 9001, protocol: 'TCP' },
    ]);
    expect(get(objects, 'Service', 'dns').spec.ports.map((p: any) => p.port)).toEqual([53, 9000, 9001]);
  });

  it('warns about restart policies a Deployment cannot honour and untagged images', () => {
    const built = buildText(`services:
  job:
    image: ghcr.io/acme/job
    user: 1000
    restart: on-failure
`);
    expect(built.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kubernetes/restart-policy', path: ['services', 'job', 'restart'] }));
    expect(built.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kubernetes/image-tag', path: ['services', 'job', 'image'] }));
  });

  it('puts valid labels on pods and the rest in annotations', () => {
    const built = simple('    user: 1000\n    labels: { team: checkout, "com.example/owner": "Jane Doe" }\n');
    const meta = get(objectsOf(built), 'Deployment', 'api').spec.template.metadata;
    expect(meta.labels.team).toBe('checkout');
    expect(meta.annotations['com.example/owner']).toBe('Jane Doe');
  });

  it('serves a public service without an issuer or class, TLS off: a plain Ingress', () => {
    const built = simple('    user: 1000\n    public: true\n', 'environments:\n  production: { domain: shop.example }\n');
    const ing = get(objectsOf(built, 'production'), 'Ingress', 'api');
    expect(ing.metadata.annotations).toBeUndefined();
    expect(ing.spec.ingressClassName).toBeUndefined();
    expect(ing.spec.tls).toBeUndefined();
    expect(ing.spec.rules[0].host).toBe('shop.example');
  });

  it('honours the services filter and the namespace option', () => {
    const built = buildText(
      `services:
  api: { image: "ghcr.io/acme/api:1.0", user: 1000 }
  admin: { image: "ghcr.io/acme/admin:1.0", user: 1000 }
targets:
  kubernetes: { namespace: shop-prod, services: [api] }
`,
    );
    const objects = objectsOf(built);
    expect(find(objects, 'Deployment', 'admin')).toBeUndefined();
    expect(get(objects, 'Deployment', 'api').metadata.namespace).toBe('shop-prod');
    expect(find(objects, 'Namespace', 'shop-prod')).toBeDefined();
  });
});

describe('kubernetes target: backing services', () => {
  for (const [type, probe, uid] of [
    ['postgres', 'pg_isready', 999],
    ['mysql', 'mysqladmin', 999],
    ['mariadb', 'healthcheck.sh', 999],
    ['mongodb', 'mongosh', 999],
    ['redis', 'redis-cli', 999],
    ['rabbitmq', 'rabbitmq-diagnostics', 999],
  ] as const) {
    it(`${type}: non-root StatefulSet with its official image, probe and storage`, () => {
      const built = buildText(`services:
  api: { image: "ghcr.io/acme/api:1.0", user: 1000, env: { URL: "\${resources.store.url}" } }
resources:
  store: { type: ${type}, storage: 2Gi }
`);
      const objects = objectsOf(built);
      const sts = get(objects, 'StatefulSet', 'store');
      expect(container(sts).readinessProbe.exec.command[0]).toBe(probe);
      expect(sts.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: uid });
      expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('2Gi');
      for (const e of container(sts).env ?? []) if (e.valueFrom) expect(e.valueFrom.secretKeyRef).toEqual({ name: 'shop-secrets', key: 'STORE_PASSWORD' });
    });
  }

  it('does not deploy a resource no service of the target uses', () => {
    const built = buildText(`services:
  api: { image: "ghcr.io/acme/api:1.0", user: 1000 }
resources:
  db: { type: postgres }
`);
    expect(find(objectsOf(built), 'StatefulSet', 'db')).toBeUndefined();
    expect(built.problems).toContainEqual(expect.objectContaining({ severity: 'info', code: 'kubernetes/unused-resource', path: ['resources', 'db'] }));
  });
});
