import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { capabilityGaps, declaredCodes, gapFinder } from '../../src/emit/capabilities.js';
import type { Artifact, BuildProblem, EmitContext } from '../../src/emit/target.js';
import type { Stack } from '../../src/model/stack.js';
import capabilities from '../../targets/kubernetes/capabilities.js';
import kubernetes from '../../targets/kubernetes/index.js';
import { loadOk, root, stackYaml } from '../helpers.js';
import { kubernetesProblems, kustomizationProblems, parseYamlDocuments } from '../platform-schemas.js';
import { emitContext, loadFixture, emitTarget } from './context.js';
import { kubectlMissing, kustomize } from '../support/kubectl.js';

// ---------------------------------------------------------------------------------------------
// Helpers

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string> };
type Built = { artifacts: Artifact[]; problems: BuildProblem[] };

const BASE = 'deploy/kubernetes/base';
const overlay = (env: string) => `deploy/kubernetes/overlays/${env}`;


/** The context `stackc build` gives the target: its own filters, or every environment and service. */
function contextFor(stack: Stack, overrides: Partial<EmitContext> = {}): ReturnType<typeof emitContext> {
  return emitContext(stack, 'kubernetes', overrides);
}

function build(stack: Stack, overrides: Partial<EmitContext> = {}): Built {
  const ctx = contextFor(stack, overrides);
  return { artifacts: emitTarget(kubernetes, ctx), problems: ctx.problems };
}

const buildText = (yaml: string, overrides: Partial<EmitContext> = {}): Built => build(loadOk(stackYaml(yaml)), overrides);


const parse = (a: Artifact): Obj => parseYamlDocuments(a.content)[0] as Obj;

/** Resources a kustomization lists (files and directories), resolved to artifact paths. */
const kustomizationResources = (a: Artifact): string[] => {
  const dir = a.path.slice(0, a.path.lastIndexOf('/'));
  return ((parse(a) as unknown as { resources: string[] }).resources ?? []).map((r) => (r === '../../base' ? BASE : `${dir}/${r}`));
};

/**
 * What `kubectl apply -k overlays/<env>` applies: the base's objects plus the overlay's, each
 * namespaced object in the overlay's `namespace` (as kustomize's namespace transformer does).
 */
function applied(artifacts: Artifact[], env: string): Obj[] {
  const byPath = new Map(artifacts.map((a) => [a.path, a]));
  const collect = (kustomizationPath: string): Obj[] =>
    kustomizationResources(byPath.get(kustomizationPath)!).flatMap((p) => (p === BASE ? collect(`${BASE}/kustomization.yaml`) : [parse(byPath.get(p)!)]));
  const top = `${overlay(env)}/kustomization.yaml`;
  const namespace = (parse(byPath.get(top)!) as unknown as { namespace?: string }).namespace;
  return collect(top).map((o) => (namespace && o.kind !== 'Namespace' ? { ...o, metadata: { ...o.metadata, namespace } } : o));
}

/** A ConfigMap's name ends in a hash of its data (`api-env-3f2a9c1b7d`): tests find it by the rest. */
const stem = (o: Obj): string => (o.kind === 'ConfigMap' ? o.metadata.name.replace(/-[0-9a-f]{10}$/, '') : o.metadata.name);
const find = (objects: Obj[], kind: string, name: string): Obj | undefined => objects.find((o) => o.kind === kind && stem(o) === name);
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

  it('runs each environment in a namespace of its own, <namespace>-<environment>, with a restricted Namespace', () => {
    for (const [env, objects] of [['staging', staging], ['production', production]] as const) {
      const ns = get(objects, 'Namespace', `pazpaz-${env}`);
      expect(ns.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
      for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace).toBe(`pazpaz-${env}`);
      expect((parse(artifacts.find((a) => a.path === `${overlay(env)}/kustomization.yaml`)!) as any).namespace).toBe(`pazpaz-${env}`);
    }
    // The objects name no namespace, so the base serves every environment's.
    expect((parse(artifacts.find((a) => a.path === `${BASE}/kustomization.yaml`)!) as any).namespace).toBeUndefined();
    for (const a of artifacts.filter((x) => !x.path.endsWith('kustomization.yaml'))) expect(parse(a).metadata.namespace).toBeUndefined();
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

  it('runs command as args, and release as a Job outside the overlay with the same env, not an init container', () => {
    const pod = get(staging, 'Deployment', 'api').spec.template.spec;
    expect(pod.containers[0].args).toEqual(['uvicorn', 'pazpaz.main:app', '--host', '0.0.0.0', '--port', '8000']);
    expect(pod.containers[0].command).toBeUndefined();
    expect(pod.initContainers).toBeUndefined();
    expect(staging.filter((o) => o.kind === 'Job')).toEqual([]);
    const job = parse(artifacts.find((a) => a.path === `${overlay('staging')}/release/job-api-release.yaml`)!);
    const release = job.spec.template.spec.containers[0];
    expect(release).toMatchObject({ name: 'release', image: 'ghcr.io/pazpaz/api', args: ['alembic', 'upgrade', 'head'] });
    // The ConfigMap's variables inline (the overlay applies it after the release), then the same env entries.
    const plain = Object.entries(get(staging, 'ConfigMap', 'api-env').data!).map(([name, value]) => ({ name, value }));
    expect(release.env).toEqual([...plain, ...pod.containers[0].env]);
    expect(release.envFrom).toBeUndefined();
    expect(job.metadata.labels?.['app.kubernetes.io/name']).toBe('api-release');
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
      tls: [{ hosts: ['api.pazpaz.example'], secretName: 'api.pazpaz.example-tls' }],
      rules: [{ host: 'api.pazpaz.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8000 } } } }] } }],
    });
    expect(get(staging, 'Ingress', 'api').spec.rules[0].host).toBe('api.staging.pazpaz.example');
    expect(find(staging, 'Ingress', 'worker')).toBeUndefined();
    expect(get(staging, 'Service', 'api').spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'http', port: 8000, targetPort: 'http', protocol: 'TCP' }] });
    expect(find(staging, 'Service', 'worker')).toBeUndefined();
  });

  it('runs postgres as a hardened StatefulSet in staging, with its passwords from the Secret', () => {
    const db = get(staging, 'StatefulSet', 'db');
    expect(db.spec.serviceName).toBe('db');
    expect(db.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('10Gi');
    const c = container(db);
    expect(c.image).toBe('postgres:16');
    // The image's superuser is for admin use; services connect as the application user the init script creates.
    expect(envEntry(c, 'POSTGRES_USER')).toEqual({ name: 'POSTGRES_USER', value: 'postgres' });
    expect(envEntry(c, 'POSTGRES_PASSWORD')).toEqual({ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'pazpaz-secrets', key: 'DB_ADMIN_PASSWORD' } } });
    expect(envEntry(c, 'APP_USER')).toEqual({ name: 'APP_USER', value: 'pazpaz' });
    expect(envEntry(c, 'APP_PASSWORD')).toEqual({ name: 'APP_PASSWORD', valueFrom: { secretKeyRef: { name: 'pazpaz-secrets', key: 'DB_PASSWORD' } } });
    expect(c.volumeMounts).toContainEqual({ name: 'app-user', mountPath: '/docker-entrypoint-initdb.d', readOnly: true });
    expect(db.spec.template.spec.volumes).toContainEqual({ name: 'app-user', configMap: { name: 'db-app-user' } });
    expect(Object.keys(get(staging, 'ConfigMap', 'db-app-user').data!)).toEqual(['stackc-app-user.sql']);
    expect(c.readinessProbe.exec.command[0]).toBe('pg_isready');
    // The official image's layout from 18 on, for every version: the cluster below the volume's root.
    expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql' });
    expect(envEntry(c, 'PGDATA')).toEqual({ name: 'PGDATA', value: '/var/lib/postgresql/16/docker' });
    expect(db.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, fsGroup: 999 });
    expect(get(staging, 'Service', 'db').spec.clusterIP).toBe('None');
    const policy = get(staging, 'NetworkPolicy', 'db');
    // api's release Job runs from pods of its own name (a Service selecting `api` must not send it traffic).
    expect(policy.spec.ingress[0].from[0].podSelector.matchExpressions[0].values).toEqual(['api', 'worker', 'api-release']);
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
    expect(k).toMatch(/kubectl -n pazpaz-production create secret generic pazpaz-secrets/);
    expect(k).toMatch(/DB_URL +connection URL of `db`/);
    expect(k).not.toMatch(/DB_PASSWORD/);
    // kubectl's env-file syntax is not Compose's: quotes would become part of the value.
    expect(k).toContain('# unquoted: kubectl keeps quotes as part of the value, and `$` needs no escaping:\n');
    expect(k).not.toMatch(/single quote/);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'kubernetes/external-resource', path: ['resources', 'db', 'environments', 'production', 'external'] }));
  });

  it('puts plain variables in a ConfigMap named after its content, sorted by name (its data has no order)', () => {
    const cm = get(staging, 'ConfigMap', 'api-env');
    // REDIS_URL carries the redis password: an env entry, not ConfigMap data.
    expect(Object.keys(cm.data!)).toEqual(['CORS_ORIGINS', 'FRONTEND_URL', 'LOG_LEVEL']);
    expect(cm.data).toMatchObject({ LOG_LEVEL: 'info', FRONTEND_URL: 'https://staging.pazpaz.example' });
    expect(envEntry(container(get(staging, 'Deployment', 'api')), 'REDIS_URL')).toEqual({ name: 'REDIS_URL', value: 'redis://:$(CACHE_PASSWORD)@cache:6379' });
    expect(cm).toMatchObject({ immutable: true, metadata: { name: expect.stringMatching(/^api-env-[0-9a-f]{10}$/) } });
    const prod = get(production, 'ConfigMap', 'api-env');
    expect(prod.data!.LOG_LEVEL).toBe('warning');
    // Other values, another name: the pod template changes (pods roll), and the old ConfigMap,
    // which apply leaves in place, is still there for the old ReplicaSet (`rollout undo`).
    expect(prod.metadata.name).not.toBe(cm.metadata.name);
    expect(container(get(staging, 'Deployment', 'api')).envFrom).toEqual([{ configMapRef: { name: cm.metadata.name } }]);
    expect(container(get(production, 'Deployment', 'api')).envFrom).toEqual([{ configMapRef: { name: prod.metadata.name } }]);
    expect(get(staging, 'Deployment', 'api').spec.template.metadata.annotations).toBeUndefined();
    // One file per service's ConfigMap, whatever the hash.
    expect(artifacts.map((a) => a.path)).toContain(`${overlay('staging')}/configmap-api-env.yaml`);
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
    expect(base).toEqual(expect.arrayContaining(['service-api.yaml', 'statefulset-cache.yaml', 'service-cache.yaml']));
    expect(base).not.toContain('namespace-pazpaz-staging.yaml');
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
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 'tcp-8000' }, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 5 });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 'tcp-8000' }, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 10 });
  });

  describe('port names: `http` only for a port known to speak HTTP (service meshes read the protocol from the name)', () => {
    const names = (service: string, env = 'development') => {
      const objects = objectsOf(buildText(`services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    user: 1000\n${service}targets:\n  kubernetes: {}\n`), env);
      const c = container(get(objects, 'Deployment', 'api'));
      const svc = get(objects, 'Service', 'api').spec.ports;
      // The Service's ports are the container's, by name.
      expect(svc.map((p: any) => [p.name, p.port, p.targetPort])).toEqual(c.ports.map((p: any) => [p.name, p.containerPort, p.name]));
      return { ports: c.ports.map((p: any) => `${p.name}:${p.containerPort}`), probe: c.readinessProbe?.httpGet?.port ?? c.readinessProbe?.tcpSocket?.port, ingress: find(objects, 'Ingress', 'api')?.spec.rules[0].http.paths[0].backend.service.port };
    };

    it('a port with no sign of HTTP is tcp-<port>, whatever its position', () => {
      expect(names('    ports: [5432]\n').ports).toEqual(['tcp-5432:5432']);
      expect(names('    ports: [6379]\n    healthcheck: { tcp: 6379 }\n')).toMatchObject({ ports: ['tcp-6379:6379'], probe: 'tcp-6379' });
      expect(names('    ports: [8000]\n    healthcheck: { command: [/bin/check] }\n').ports).toEqual(['tcp-8000:8000']);
    });

    it('an http healthcheck or a public route names its port http', () => {
      expect(names('    ports: [8000]\n    healthcheck: { http: /health }\n')).toMatchObject({ ports: ['http:8000'], probe: 'http' });
      expect(names('    ports: [8000]\n    public: true\n')).toMatchObject({ ports: ['http:8000'], ingress: { number: 8000 } });
      // The check on the second port: that one is http, the first stays tcp.
      expect(names('    ports: [9000, 8081]\n    healthcheck: { http: { path: /healthz, port: 8081 } }\n')).toMatchObject({ ports: ['tcp-9000:9000', 'http:8081'], probe: 'http' });
      // Public on the main port, checked on another: the second HTTP port is http-<port>.
      expect(names('    ports: [8000, 9090]\n    public: true\n    healthcheck: { http: { path: /metrics, port: 9090 } }\n')).toMatchObject({ ports: ['http:8000', 'http-9090:9090'], probe: 'http-9090', ingress: { number: 8000 } });
      // public.port picks the served port.
      expect(names('    ports: [7000, 8000]\n    public: { port: 8000 }\n')).toMatchObject({ ports: ['tcp-7000:7000', 'http:8000'], ingress: { number: 8000 } });
    });

    it('a name from stack.yaml is kept, and never given twice', () => {
      expect(names('    ports: [{ port: 8000, name: web }]\n    public: true\n    healthcheck: { http: /health }\n')).toMatchObject({ ports: ['web:8000'], probe: 'web' });
      expect(names('    ports: [{ port: 7000, name: http }, 8000]\n    public: { port: 8000 }\n').ports).toEqual(['http:7000', 'http-8000:8000']);
    });

    it('decides per environment: public only in production names the port http there', () => {
      const service = '    ports: [8000]\n    environments:\n      production: { public: true }\n';
      const stack = (body: string) => `environments:\n  staging: {}\n  production: { domain: shop.example }\nservices:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    user: 1000\n${body}targets:\n  kubernetes: {}\n`;
      const built = buildText(stack(service));
      expect(container(get(objectsOf(built, 'staging'), 'Deployment', 'api')).ports[0].name).toBe('tcp-8000');
      expect(container(get(objectsOf(built, 'production'), 'Deployment', 'api')).ports[0].name).toBe('http');
    });
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

  it('warns about a user it cannot know, and refuses a named user and an image known to run as root', () => {
    const unknown = simple('');
    expect(unknown.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kubernetes/user-unset', path: ['services', 'api'] }));
    expect(get(objectsOf(unknown), 'Deployment', 'api').spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const named = simple('    user: app\n');
    expect(named.problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'kubernetes/user-name', path: ['services', 'api', 'user'], hint: expect.stringContaining('user: "1000:1000"') }));
    const nginx = buildText('services:\n  web:\n    image: nginx:1.27-alpine\n    ports: [80]\ntargets:\n  kubernetes: {}\n');
    expect(nginx.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'kubernetes/root-image', path: ['services', 'web', 'image'], hint: expect.stringContaining('nginxinc/nginx-unprivileged') }),
    );
  });

  it('runs a well-known image as its documented user without `user:`', () => {
    const built = buildText('services:\n  web:\n    image: nginxinc/nginx-unprivileged:1.27-alpine\n    ports: [8080]\ntargets:\n  kubernetes: {}\n');
    expect(built.problems.filter((p) => p.code.startsWith('kubernetes/user') || p.code.startsWith('kubernetes/root'))).toEqual([]);
    expect(get(objectsOf(built), 'Deployment', 'web').spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 101, runAsGroup: 101, fsGroup: 101 });
  });

  it('gives `user: 1000` its own group, not the image\'s primary group (GID 0 when the image has no such user)', () => {
    expect(get(objectsOf(simple('    user: 1000\n')), 'Deployment', 'api').spec.template.spec.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 });
    expect(get(objectsOf(simple('    user: "1000:2000"\n')), 'Deployment', 'api').spec.template.spec.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 2000, fsGroup: 2000 });
  });

  it('runs `user: 0` as root without escalation, with only the capabilities a root entrypoint needs, and relaxes the namespace to baseline', () => {
    const root = simple('    user: 0\n    release: ./migrate\n');
    expect(root.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kubernetes/root-user', path: ['services', 'api', 'user'] }));
    const pod = get(objectsOf(root), 'Deployment', 'api').spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: false, runAsUser: 0 });
    const release = parse(root.artifacts.find((a) => a.path === `${overlay('development')}/release/job-api-release.yaml`)!).spec.template.spec;
    expect(release.securityContext).toMatchObject({ runAsNonRoot: false, runAsUser: 0 });
    for (const c of [...pod.containers, ...release.containers]) {
      expect(c.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: false,
        capabilities: { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'KILL', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'] },
      });
    }
    expect(get(objectsOf(root), 'Namespace', 'shop-development').metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('baseline');
    // Not root: no capability comes back.
    expect(container(get(objectsOf(simple('    user: 1000\n')), 'Deployment', 'api')).securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  it('names a pull Secret for images on GHCR, which keeps new images private, and says in the overlay how to create it', () => {
    const built = buildText('services:\n  api: { image: "ghcr.io/acme/api:1.0", user: 1000 }\n  web: { image: "acme/web:1.0", user: 1000 }\ntargets:\n  kubernetes: {}\n');
    expect(get(objectsOf(built), 'Deployment', 'api').spec.template.spec.imagePullSecrets).toEqual([{ name: 'shop-ghcr' }]);
    expect(get(objectsOf(built), 'Deployment', 'web').spec.template.spec.imagePullSecrets).toBeUndefined();
    expect(built.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kubernetes/private-registry', path: ['services', 'api', 'image'] }));
    expect(built.problems.filter((p) => p.code === 'kubernetes/private-registry')).toHaveLength(1);
    const header = built.artifacts.find((a) => a.path === `${overlay('development')}/kustomization.yaml`)!.content;
    expect(header).toContain('#   kubectl -n shop-development create secret docker-registry shop-ghcr --docker-server=ghcr.io --docker-username="$GITHUB_USER" --docker-password="$GHCR_TOKEN"');
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

  it('gives each host one TLS Secret, shared by its Ingresses; only the first asks cert-manager for it', () => {
    const yaml = (ingress: string) => `environments:
  production: { domain: shop.example }
services:
  web: { image: "ghcr.io/acme/web:1.0", user: 1000, ports: [3000], public: true }
  api: { image: "ghcr.io/acme/api:1.0", user: 1000, ports: [8000], public: { path: /api } }
  admin: { image: "ghcr.io/acme/admin:1.0", user: 1000, ports: [9000], public: { host: "*.\${environment.domain}" } }
targets:
  kubernetes: { ingress: ${ingress} }
`;
    const issued = buildText(yaml('{ tls: true, issuer: letsencrypt }'));
    const objects = objectsOf(issued, 'production');
    const tls = (name: string) => get(objects, 'Ingress', name).spec.tls;
    expect([tls('web'), tls('api'), tls('admin')]).toEqual([
      [{ hosts: ['shop.example'], secretName: 'shop.example-tls' }],
      [{ hosts: ['shop.example'], secretName: 'shop.example-tls' }],
      [{ hosts: ['*.shop.example'], secretName: 'wildcard.shop.example-tls' }],
    ]);
    expect(['web', 'api', 'admin'].map((n) => get(objects, 'Ingress', n).metadata.annotations)).toEqual([
      { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
      undefined,
      { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
    ]);
    const header = (built: Built) => built.artifacts.find((a) => a.path === `${overlay('production')}/kustomization.yaml`)!.content;
    expect(header(issued)).toContain('# TLS: cert-manager (ClusterIssuer letsencrypt) issues shop.example-tls, wildcard.shop.example-tls.');
    const manual = header(buildText(yaml('{ tls: true }')));
    expect(manual.match(/create secret tls .*/g)).toEqual([
      'create secret tls shop.example-tls --cert=shop.example.crt --key=shop.example.key',
      'create secret tls wildcard.shop.example-tls --cert=wildcard.shop.example.crt --key=wildcard.shop.example.key',
    ]);
  });

  it('gives a service of several hosts a rule and a TLS Secret per host; an annotated Ingress lists only the hosts it is first on (issue 20, item 3)', () => {
    const yaml = (ingress: string) => `environments:
  production: { domain: shop.example }
services:
  api: { image: "ghcr.io/acme/api:1.0", user: 1000, ports: [8000], public: { path: /api } }
  web:
    image: "ghcr.io/acme/web:1.0"
    user: 1000
    ports: [3000]
    public: { hosts: ["\${environment.domain}", "www.\${environment.domain}"], redirects: [old.example] }
targets:
  kubernetes: { ingress: ${ingress} }
`;
    const issued = buildText(yaml('{ tls: true, issuer: letsencrypt }'));
    const web = get(objectsOf(issued, 'production'), 'Ingress', 'web');
    expect(web.spec.rules.map((r: { host: string }) => r.host)).toEqual(['shop.example', 'www.shop.example']);
    expect(web.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(web.spec.tls).toEqual([{ hosts: ['www.shop.example'], secretName: 'www.shop.example-tls' }]);
    expect(get(objectsOf(issued, 'production'), 'Ingress', 'api').spec.tls).toEqual([{ hosts: ['shop.example'], secretName: 'shop.example-tls' }]);
    expect(issued.problems.filter((p) => p.code === 'kubernetes/redirect').map((p) => p.message)).toEqual([
      'a Kubernetes Ingress cannot redirect `old.example` to `web` (https://shop.example): the Ingress API has no redirect, only controller-specific annotations; the redirect is left out',
    ]);
    // Without an issuer nobody owns a certificate: each Ingress lists every host it routes.
    expect(get(objectsOf(buildText(yaml('{ tls: true }')), 'production'), 'Ingress', 'web').spec.tls).toEqual([
      { hosts: ['shop.example'], secretName: 'shop.example-tls' },
      { hosts: ['www.shop.example'], secretName: 'www.shop.example-tls' },
    ]);
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
    expect(get(objects, 'Deployment', 'api').metadata.namespace).toBe('shop-prod-development');
    expect(find(objects, 'Namespace', 'shop-prod-development')).toBeDefined();
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
      expect(container(sts).readinessProbe.exec.command.join(' ')).toMatch(new RegExp(`^(sh -c )?${probe}\\b`));
      expect(sts.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: uid });
      expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('2Gi');
      // Every type has a password; postgres and mongodb also a superuser's, for admin use.
      const keys = (container(sts).env ?? []).filter((e: any) => e.valueFrom).map((e: any) => e.valueFrom.secretKeyRef.key);
      expect(new Set(keys)).toEqual(new Set(['STORE_PASSWORD', ...(type === 'postgres' || type === 'mongodb' ? ['STORE_ADMIN_PASSWORD'] : [])]));
    });
  }

  it('keeps every database out of the volume root, where lost+found makes mysqld --initialize abort', () => {
    // The data directory each image initialises: postgres through PGDATA, mysql and mariadb
    // through a subPath; mongodb, redis and rabbitmq accept lost+found at the root.
    const dataDirectory = (type: string): string => {
      const sts = get(objectsOf(buildText(`services:\n  api: { image: "ghcr.io/acme/api:1.0", user: 1000, env: { URL: "\${resources.store.url}" } }\nresources:\n  store: { type: ${type} }\n`)), 'StatefulSet', 'store');
      const mount = container(sts).volumeMounts.find((m: any) => m.name === 'data');
      const pgdata = envEntry(container(sts), 'PGDATA')?.value as string | undefined;
      return pgdata ?? (mount.subPath ? `${mount.mountPath} (volume directory ${mount.subPath})` : `${mount.mountPath} (volume root)`);
    };
    expect(dataDirectory('postgres')).toBe('/var/lib/postgresql/17/docker');
    expect(dataDirectory('mysql')).toBe('/var/lib/mysql (volume directory data)');
    expect(dataDirectory('mariadb')).toBe('/var/lib/mysql (volume directory data)');
    expect(dataDirectory('mongodb')).toBe('/data/db (volume root)');
  });

  it('redis requires the password from the Secret; its URL carries it and the probe reads it from the environment', () => {
    const built = buildText(`services:
  api: { image: "ghcr.io/acme/api:1.0", user: 1000, env: { URL: "\${resources.cache.url}", PW: "\${resources.cache.password}" } }
resources:
  cache: { type: redis }
`);
    const objects = objectsOf(built);
    const c = container(get(objects, 'StatefulSet', 'cache'));
    expect(c.args).toEqual(['redis-server', '--requirepass', '$(REDISCLI_AUTH)']);
    expect(c.env).toEqual([{ name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'CACHE_PASSWORD' } } }]);
    expect(c.readinessProbe.exec.command).toEqual(['redis-cli', 'ping']);
    const api = container(get(objects, 'Deployment', 'api'));
    expect(envEntry(api, 'URL')).toEqual({ name: 'URL', value: 'redis://:$(CACHE_PASSWORD)@cache:6379' });
    expect(envEntry(api, 'PW')).toEqual({ name: 'PW', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'CACHE_PASSWORD' } } });
    const k = built.artifacts.find((a) => a.path.endsWith('/kustomization.yaml') && a.path.includes('/overlays/'))!.content;
    expect(k).toMatch(/CACHE_PASSWORD +password of `cache` \(redis\)/);
  });

  it('mongodb: the application user is created at first start in admin with readWrite on its database; the URL connects as it', () => {
    const built = buildText(`services:
  api: { image: "ghcr.io/acme/api:1.0", user: 1000, env: { URL: "\${resources.docs.url}" } }
resources:
  docs: { type: mongodb, database: catalog }
`);
    const objects = objectsOf(built);
    const c = container(get(objects, 'StatefulSet', 'docs'));
    expect(envEntry(c, 'MONGO_INITDB_ROOT_USERNAME')).toEqual({ name: 'MONGO_INITDB_ROOT_USERNAME', value: 'root' });
    expect(envEntry(c, 'MONGO_INITDB_ROOT_PASSWORD').valueFrom.secretKeyRef.key).toBe('DOCS_ADMIN_PASSWORD');
    expect(envEntry(c, 'APP_USER')).toEqual({ name: 'APP_USER', value: 'catalog' });
    expect(envEntry(c, 'APP_PASSWORD').valueFrom.secretKeyRef.key).toBe('DOCS_PASSWORD');
    const script = get(objects, 'ConfigMap', 'docs-app-user').data!['stackc-app-user.js']!;
    expect(script).toContain("db.getSiblingDB('admin').createUser(");
    expect(script).toContain("roles: [{ role: 'readWrite', db: process.env.MONGO_INITDB_DATABASE }]");
    expect(envEntry(container(get(objects, 'Deployment', 'api')), 'URL')).toEqual({ name: 'URL', value: 'mongodb://catalog:$(DOCS_PASSWORD)@docs:27017/catalog?authSource=admin' });
  });

  it('mongodb: the probe asks the server on its own address, which the first-start server (127.0.0.1 only) does not answer', () => {
    const sts = get(objectsOf(buildText(`services:\n  api: { image: "ghcr.io/acme/api:1.0", user: 1000, env: { URL: "\${resources.docs.url}" } }\nresources:\n  docs: { type: mongodb }\n`)), 'StatefulSet', 'docs');
    // `$$`: the kubelet expands `$(VAR)` in exec probe commands too (pkg/kubelet/prober/prober.go,
    // ExpandContainerCommandOnlyStatic) and turns `$$` into `$`, so the shell receives `$(hostname)`.
    expect(container(sts).readinessProbe.exec.command).toEqual(['sh', '-c', `mongosh --quiet --host "$$(hostname)" --eval "db.adminCommand('ping').ok"`]);
  });

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

describe('kubernetes target: env order', () => {
  it('reordering plain env in stack.yaml changes no file, so pods are not restarted for nothing', () => {
    const stack = (env: string) => `
services:
  api:
    image: ghcr.io/acme/api:1.0
    ports: [8000]
    env: { ${env} }
targets:
  kubernetes: {}
`;
    const a = buildText(stack('LOG_LEVEL: info, REGION: eu, A_FLAG: "1"'));
    const b = buildText(stack('A_FLAG: "1", REGION: eu, LOG_LEVEL: info'));
    expect(b.artifacts).toEqual(a.artifacts);
    const configMap = a.artifacts.find((x) => x.path.endsWith('configmap-api-env.yaml'))!.content;
    expect(configMap.indexOf('A_FLAG')).toBeLessThan(configMap.indexOf('LOG_LEVEL'));
  });
});

// ---------------------------------------------------------------------------------------------
// On the shared deployment model: ports, references, capabilities, facts

describe('kubernetes target: the shared model', () => {
  it('`${services.X.port}` and `.url` are the main port (first TCP port); the Ingress backend is the served port', () => {
    const built = buildText(`services:
  dns:
    image: ghcr.io/acme/dns:2.0
    user: 1000
    ports: ["53:53/udp", 8000, 9000]
    public: { port: 9000 }
  api:
    image: ghcr.io/acme/api:1.0
    user: 1000
    env:
      DNS_URL: \${services.dns.url}
      DNS_PORT: \${services.dns.port}
`);
    const objects = objectsOf(built);
    expect(get(objects, 'ConfigMap', 'api-env').data).toEqual({ DNS_PORT: '8000', DNS_URL: 'http://dns:8000' });
    expect(get(objects, 'Ingress', 'dns').spec.rules[0].http.paths[0].backend.service.port).toEqual({ number: 9000 });
  });

  it('warns with the shared wording about a service it does not run, and writes the in-cluster name', () => {
    const built = buildText(`environments:
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/acme/api:1.0
    user: 1000
    ports: [8000]
    env:
      ADMIN_URL: \${services.admin.url}
      SITE_HOST: \${services.web.host}
  admin: { image: "ghcr.io/acme/admin:1.0", user: 1000, ports: [9000] }
  web:
    static: { root: ./web }
targets:
  kubernetes: { services: [api, web] }
`);
    expect(get(objectsOf(built, 'production'), 'ConfigMap', 'api-env').data).toEqual({ ADMIN_URL: 'http://admin:9000', SITE_HOST: 'web' });
    expect(built.problems).toContainEqual({
      severity: 'warning',
      code: 'kubernetes/service-not-deployed',
      message: '`ADMIN_URL` of `api` refers to `${services.admin.url}`, but `admin` is not among the services the kubernetes target runs; the in-cluster name `admin` will not resolve',
      path: ['services', 'api', 'env', 'ADMIN_URL'],
      hint: 'run `admin` with this target, or point the variable elsewhere',
    });
    expect(built.problems).toContainEqual({
      severity: 'warning',
      code: 'kubernetes/service-not-deployed',
      message: '`SITE_HOST` of `api` refers to `${services.web.host}`, but `web` is a static site, which the kubernetes target does not run; the in-cluster name `web` will not resolve',
      path: ['services', 'api', 'env', 'SITE_HOST'],
      hint: 'use `${services.web.public_url}`',
    });
  });

  it('leaves the not-public warning to the model, and takes public URLs from the endpoints', () => {
    const stack = loadOk(
      stackYaml(`environments:
  development: {}
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/acme/api:1.0
    user: 1000
    ports: [8000]
    environments:
      production: { public: { host: "api.\${environment.domain}" } }
  worker:
    image: ghcr.io/acme/worker:1.0
    user: 1000
    env:
      API_PUBLIC: \${services.api.public_url}
      SITE: \${services.web.public_url}
  web:
    static: { root: ./web }
`),
    );
    const built = build(stack);
    // Not public in development: the in-cluster URL, and the model's warning, not the target's.
    expect(get(objectsOf(built, 'development'), 'ConfigMap', 'worker-env').data).toMatchObject({ API_PUBLIC: 'http://api:8000' });
    expect(built.problems.filter((p) => p.code.includes('not-public'))).toEqual([]);
    expect(resolveDeployment(stack).problems).toContainEqual(expect.objectContaining({ code: 'not-public', environment: 'development', path: ['services', 'worker', 'env', 'API_PUBLIC'] }));
    // In production the Ingress serves api without TLS; the static site is public on the domain.
    expect(get(objectsOf(built, 'production'), 'ConfigMap', 'worker-env').data).toEqual({ API_PUBLIC: 'http://api.shop.example', SITE: 'https://shop.example' });
  });

  it('reports from its capabilities exactly what the build reports, and declares every code it reports', () => {
    const stacks = [
      ...fixtures.map(loadFixture),
      loadOk(
        stackYaml(`services:
  api:
    image: ghcr.io/acme/api
    user: app
    restart: "no"
    ports: ["9000-9002"]
    public: { port: 8000 }
    depends_on: [db]
    autoscale: { min: 2, max: 4 }
    labels: { "app.kubernetes.io/name": x, team: "Jane Doe" }
    volumes: ["./src:/app/src", { name: data, path: /data, size: 2Gi }]
  worker:
    build: ./worker
    volumes: [{ name: data, path: /data, size: 3Gi }]
  migrate:
    image: ghcr.io/acme/api
    restart: "no"
    env: { DB: "\${resources.db.url}" }
resources:
  db: { type: postgres }
  spare: { type: redis }
targets:
  kubernetes: { ingress: { issuer: le } }
`),
      ),
    ];
    const declared = declaredCodes(capabilities);
    const gapCodes = new Set(capabilities.gaps.map((g) => g.code));
    for (const stack of stacks) {
      const ctx = contextFor(stack);
      emitTarget(kubernetes, ctx);
      for (const p of ctx.problems) expect(declared.has(p.code), p.code).toBe(true);
      const fromModel: BuildProblem[] = [];
      capabilityGaps(gapFinder(capabilities, ctx.plan, ctx.options), ctx.plan, ctx.environments, (p: BuildProblem) => fromModel.push(p));
      const key = (p: BuildProblem) => JSON.stringify([p.code, p.path, p.message]);
      expect(new Set(fromModel.map(key))).toEqual(new Set(ctx.problems.filter((p) => gapCodes.has(p.code)).map(key)));
    }
    const last = contextFor(stacks.at(-1)!);
    emitTarget(kubernetes, last);
    expect(new Set(last.problems.map((p) => p.code))).toEqual(
      new Set([
        'kubernetes/user-name',
        'kubernetes/restart-policy',
        'kubernetes/one-shot',
        'kubernetes/port-range',
        'kubernetes/public-port',
        'kubernetes/no-domain',
        'kubernetes/depends-on',
        'kubernetes/autoscale-without-cpu',
        'kubernetes/reserved-label',
        'kubernetes/label-as-annotation',
        'kubernetes/bind-mount',
        'kubernetes/shared-volume',
        'kubernetes/volume-size',
        'kubernetes/image-tag',
        'kubernetes/private-registry',
        'kubernetes/no-image',
        'kubernetes/user-unset',
        'kubernetes/no-probes',
        'kubernetes/unused-resource',
        'kubernetes/issuer-without-tls',
      ]),
    );
  });

  it('writes a gap’s note into the file it concerns: the shared claim says ReadWriteMany', () => {
    const built = buildText(`services:
  api: { image: "ghcr.io/acme/api:1.0", user: 1000, replicas: 2, volumes: [{ name: data, path: /data }] }
`);
    const claim = built.artifacts.find((a) => a.path.endsWith('/pvc-data.yaml'))!;
    expect(claim.content).toMatch(/^# ReadWriteMany: more than one pod mounts this volume; the storage class must support it\.$/m);
    expect(built.artifacts.find((a) => a.path.endsWith('/deployment-api.yaml'))!.content).not.toMatch(/ReadWriteMany:/);
  });

  it('says what each file deploys: services, images as written, and the Secret keys it reads', () => {
    const { artifacts } = build(loadFixture('fullstack'));
    const glob = (g: string) => new RegExp(`^${g.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
    for (const a of artifacts) {
      expect(a.facts, a.path).toBeDefined();
      expect(capabilities.outputs.some((g) => glob(g).test(a.path)), a.path).toBe(true);
    }
    const facts = (path: string) => artifacts.find((a) => a.path === path)!.facts;
    expect(facts(`${overlay('staging')}/deployment-api.yaml`)).toEqual({ services: ['api'], images: ['ghcr.io/pazpaz/api'], secrets: ['DB_PASSWORD', 'CACHE_PASSWORD', 'SECRET_KEY', 'SENTRY_DSN', 'SMTP_PASSWORD'] });
    expect(facts(`${overlay('staging')}/statefulset-db.yaml`)).toEqual({ services: [], images: ['postgres:16'], secrets: ['DB_ADMIN_PASSWORD', 'DB_PASSWORD'] });
    // An overlay applies the base too: its facts are the whole environment's.
    expect(facts(`${overlay('production')}/kustomization.yaml`)).toEqual({
      services: ['api', 'worker'],
      images: ['ghcr.io/pazpaz/api', 'redis:7.4'],
      secrets: ['DB_URL', 'CACHE_PASSWORD', 'SECRET_KEY', 'SENTRY_DSN', 'SMTP_PASSWORD'],
    });
    expect(facts(`${BASE}/kustomization.yaml`)).toEqual({ services: ['api', 'worker'], images: ['redis:7.4'], secrets: ['CACHE_PASSWORD'] });
  });
});

// ---------------------------------------------------------------------------------------------
// One-shot services (restart "no", no ports): a Job that the services needing it wait for

describe('kubernetes target: one-shot services', () => {
  const oneShotStack = (migrateCommand = 'alembic upgrade head', apiTag = '1.4.2') =>
    loadOk(
      stackYaml(`services:
  migrate:
    image: ghcr.io/acme/shop-api:1.4.2
    command: ${migrateCommand}
    restart: "no"
    user: "10001:10001"
    env: { DATABASE_URL: "\${resources.db.url}" }
  api:
    image: ghcr.io/acme/shop-api:${apiTag}
    ports: [8000]
    user: "10001:10001"
    healthcheck: { http: /health }
    release: [alembic, check]
    depends_on: [migrate]
    env: { DATABASE_URL: "\${resources.db.url}" }
resources:
  db: { type: postgres, version: "17" }
`),
    );
  const built = build(oneShotStack());
  const objects = applied(built.artifacts, 'development');
  const job = objects.find((o) => o.kind === 'Job')!;

  it('runs the one-shot as a Job named after a hash of its spec, not as a Deployment that restarts it forever', () => {
    expect(find(objects, 'Deployment', 'migrate')).toBeUndefined();
    expect(job.metadata.name).toMatch(/^migrate-[0-9a-f]{8}$/);
    expect(built.artifacts.map((a) => a.path)).toContain(`${BASE}/job-migrate.yaml`);
    expect(job.spec.backoffLimit).toBe(6);
    // No TTL: pods of `api` that start later (a reschedule, a scale-up) still find the completed Job.
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'] } });
    expect(pod.containers[0].args).toEqual(['sh', '-c', 'alembic upgrade head']);
    // The pod carries the service's selector labels: the database's NetworkPolicy lets it in.
    expect(job.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'migrate', 'app.kubernetes.io/part-of': 'shop' });
    expect(get(objects, 'NetworkPolicy', 'db').spec.ingress[0].from[0].podSelector.matchExpressions[0].values).toEqual(['migrate', 'api', 'api-release']);
  });

  it('names a new Job when the one-shot changes (a Job cannot be updated), and keeps the name when only a dependent changes', () => {
    const name = (stack: Stack) => applied(build(stack).artifacts, 'development').find((o) => o.kind === 'Job')!.metadata.name;
    expect(name(oneShotStack('alembic upgrade heads'))).not.toBe(job.metadata.name);
    expect(name(oneShotStack(undefined, '1.4.3'))).toBe(job.metadata.name);
  });

  it('makes the dependents wait for the Job to complete, in an init container that alone holds an API token', () => {
    const pod = get(objects, 'Deployment', 'api').spec.template.spec;
    const [wait] = pod.initContainers;
    expect(pod.initContainers).toHaveLength(1);
    expect(wait.name).toBe('wait-for-jobs');
    // api's release Job waits for the one-shot too, before its command runs.
    const release = parse(built.artifacts.find((a) => a.path === `${overlay('development')}/release/job-api-release.yaml`)!).spec.template.spec;
    expect(release.initContainers).toEqual([wait]);
    expect(wait.image).toMatch(/^registry\.k8s\.io\/kubectl:v\d+\.\d+\.\d+$/);
    expect(wait.command).toEqual(['kubectl', 'wait', '--for=condition=complete', '--timeout=10m', `job/${job.metadata.name}`]);
    expect(wait.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(wait.volumeMounts).toEqual([{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }]);
    expect(pod.containers[0].volumeMounts ?? []).not.toContainEqual(expect.objectContaining({ name: 'kube-api-access' }));
    expect(release.containers[0].volumeMounts ?? []).not.toContainEqual(expect.objectContaining({ name: 'kube-api-access' }));
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('shop-wait-for-jobs');
    expect(pod.volumes.find((v: any) => v.name === 'kube-api-access').projected.sources.map((s: any) => Object.keys(s)[0])).toEqual(['serviceAccountToken', 'configMap', 'downwardAPI']);
  });

  it('lets that ServiceAccount read only the Jobs waited for', () => {
    expect((get(objects, 'ServiceAccount', 'shop-wait-for-jobs') as any).automountServiceAccountToken).toBe(false);
    expect((get(objects, 'Role', 'shop-wait-for-jobs') as any).rules).toEqual([
      { apiGroups: ['batch'], resources: ['jobs'], resourceNames: [job.metadata.name], verbs: ['get', 'list', 'watch'] },
    ]);
    const binding = get(objects, 'RoleBinding', 'shop-wait-for-jobs') as any;
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'shop-wait-for-jobs' });
    // The file names no namespace; the overlay's `namespace:` sets it on the subject as on every object.
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'shop-wait-for-jobs' }]);
    if (!kubectlMissing) {
      const rendered = kustomize(built.artifacts, overlay('development')).find((o) => o.kind === 'RoleBinding')!;
      expect(rendered.subjects).toEqual([{ kind: 'ServiceAccount', name: 'shop-wait-for-jobs', namespace: 'shop-development' }]);
    }
    for (const a of built.artifacts) {
      const doc = parse(a);
      expect({ path: a.path, problems: a.path.endsWith('/kustomization.yaml') ? kustomizationProblems(doc) : kubernetesProblems(doc) }).toEqual({ path: a.path, problems: [] });
    }
  });

  it('says what it did instead of the restart-policy and start-order gaps, and how to re-run the Job', () => {
    const codes = built.problems.map((p) => p.code);
    expect(codes).not.toContain('kubernetes/restart-policy');
    expect(codes).not.toContain('kubernetes/depends-on');
    expect(codes).not.toContain('kubernetes/no-probes');
    expect(built.problems).toContainEqual(
      expect.objectContaining({ severity: 'info', code: 'kubernetes/one-shot', path: ['services', 'migrate', 'restart'], hint: expect.stringContaining("make its command `api`'s `release`") }),
    );
    expect(built.artifacts.find((a) => a.path === `${BASE}/job-migrate.yaml`)!.content).toContain('# One-shot (restart: "no", no ports): a Job, run again when this spec changes; `api` waits for it to complete.');
    expect(built.artifacts.find((a) => a.path === `${overlay('development')}/kustomization.yaml`)!.content).toContain(
      '#   kubectl -n shop-development delete job -l app.kubernetes.io/name=migrate,app.kubernetes.io/part-of=shop,app.kubernetes.io/component=job --ignore-not-found',
    );
  });

  it('chains one-shots: a Job that needs another waits for it too', () => {
    const chained = loadOk(
      stackYaml(`services:
  migrate: { image: "ghcr.io/acme/api:1.0", user: 1000, restart: "no", command: [migrate] }
  seed: { image: "ghcr.io/acme/api:1.0", user: 1000, restart: "no", command: [seed], depends_on: [migrate] }
  api: { image: "ghcr.io/acme/api:1.0", user: 1000, ports: [8000], depends_on: [seed] }
`),
    );
    const objs = applied(build(chained).artifacts, 'development');
    const jobs = objs.filter((o) => o.kind === 'Job');
    const named = (service: string) => jobs.find((j) => j.metadata.labels?.['app.kubernetes.io/name'] === service)!;
    expect(named('seed').spec.template.spec.initContainers[0].command.at(-1)).toBe(`job/${named('migrate').metadata.name}`);
    expect(named('migrate').spec.template.spec.initContainers).toBeUndefined();
    expect(get(objs, 'Deployment', 'api').spec.template.spec.initContainers[0].command.at(-1)).toBe(`job/${named('seed').metadata.name}`);
    expect((get(objs, 'Role', 'shop-wait-for-jobs') as any).rules[0].resourceNames).toEqual([named('migrate').metadata.name, named('seed').metadata.name]);
  });

  it('leaves a stack without one-shots as it was: no ServiceAccount, Role or wait', () => {
    const plain = applied(build(loadFixture('fullstack')).artifacts, 'staging');
    expect(plain.filter((o) => ['Job', 'ServiceAccount', 'Role', 'RoleBinding'].includes(o.kind))).toEqual([]);
  });
});

describe.skipIf(kubectlMissing)('kubernetes target: what `kubectl kustomize` renders', () => {
  it('keeps env values that a YAML 1.1 or 1.2 reader would re-type as strings in the ConfigMap', () => {
    const values = { OCTAL: '0o17', OCTAL_UPPER: '0O17', HEX: '0x1F', GROUPED: '1_000', LEADING_ZERO: '08', ON: 'on', NO: 'no', Y: 'y', NULL_ISH: '~', INF: '.inf', EXP: '1e3', CLOCK: '12:30', DATE: '2001-12-14', SHORT_DATE: '2001-1-2', COMMA: '1,000', EQUALS: '=' };
    const env = Object.entries(values).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}\n`).join('');
    const { artifacts } = buildText(`services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    user: 1000\n    env:\n${env}targets:\n  kubernetes: {}\n`);
    const configMap = kustomize(artifacts, overlay('development')).find((o) => o.kind === 'ConfigMap')!;
    expect(configMap.data).toEqual(values);
  });

  it('references the content-addressed ConfigMap it renders; new values make a new one, and new pods need only it', () => {
    const render = (level: string) => {
      const { artifacts } = buildText(`services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    user: 1000\n    env: { LOG_LEVEL: ${level} }\ntargets:\n  kubernetes: {}\n`);
      const objects = kustomize(artifacts, overlay('development'));
      const names = objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name as string);
      const deployment = objects.find((o) => o.kind === 'Deployment')!;
      return { names, used: deployment.spec.template.spec.containers[0].envFrom.map((e: any) => e.configMapRef.name) };
    };
    const before = render('info');
    const after = render('debug');
    expect(before.used).toEqual(before.names);
    expect(after.used).toEqual(after.names);
    expect(after.names[0]).not.toBe(before.names[0]);
  });
});

describe('kubernetes target: namespaces', () => {
  const twoEnvironments = (options: string) =>
    buildText(`environments: { staging: {}, production: {} }
services:
  api: { image: "ghcr.io/acme/api:1.0", user: 1000, ports: [8000] }
targets:
  kubernetes: ${options}
`);
  const namespaceOf = (built: Built, env: string) => (parse(built.artifacts.find((a) => a.path === `${overlay(env)}/kustomization.yaml`)!) as any).namespace;
  const header = (built: Built, env: string) => built.artifacts.find((a) => a.path === `${overlay(env)}/kustomization.yaml`)!.content;
  const errors = (built: Built) => built.problems.filter((p) => p.severity === 'error');

  it('gives each environment its own namespace, so applying staging cannot overwrite production', () => {
    const built = twoEnvironments('{ namespace: shop }');
    expect(errors(built)).toEqual([]);
    expect(namespaceOf(built, 'staging')).toBe('shop-staging');
    expect(namespaceOf(built, 'production')).toBe('shop-production');
    expect(get(applied(built.artifacts, 'staging'), 'Deployment', 'api').metadata.namespace).toBe('shop-staging');
    expect(header(built, 'production')).toMatch(/It runs in the namespace shop-production, which this overlay creates/);
    // The Deployment is the same in both: it stays in the base.
    expect(built.artifacts.map((a) => a.path)).toContain(`${BASE}/deployment-api.yaml`);
  });

  it('keeps one namespace for every environment with namespacePerEnvironment: false', () => {
    const built = twoEnvironments('{ namespace: shop, namespacePerEnvironment: false }');
    expect(errors(built)).toEqual([]);
    expect(namespaceOf(built, 'staging')).toBe('shop');
    expect(namespaceOf(built, 'production')).toBe('shop');
    expect(built.artifacts.map((a) => a.path)).toContain(`${BASE}/namespace-shop.yaml`);
  });

  it('never writes a Namespace for default or kube-*, and says who owns its Pod Security labels', () => {
    for (const ns of ['default', 'kube-public']) {
      const built = buildText(`services:\n  api: { image: "ghcr.io/acme/api:1.0", user: 1000 }\ntargets:\n  kubernetes: { namespace: ${ns} }\n`);
      expect(errors(built)).toEqual([]);
      expect(namespaceOf(built, 'development')).toBe(ns);
      expect(built.artifacts.some((a) => parse(a).kind === 'Namespace')).toBe(false);
      expect(header(built, 'development')).toMatch(new RegExp(`It runs in the namespace ${ns}, which belongs to Kubernetes:\\n# no Namespace object is written`));
      expect(header(built, 'development')).not.toMatch(/kubectl create namespace/);
    }
  });

  it('refuses two environments in Kubernetes\' own namespace unless they opted in', () => {
    const shared = twoEnvironments('{ namespace: default }');
    expect(errors(shared)).toEqual([expect.objectContaining({ code: 'kubernetes/namespace-shared', path: ['targets', 'kubernetes', 'namespace'] })]);
    expect(errors(shared)[0]!.message).toMatch(/`staging`, `production` would run in one namespace, `default`/);
    expect(errors(twoEnvironments('{ namespace: default, namespacePerEnvironment: false }'))).toEqual([]);
  });

  it('refuses a namespace longer than Kubernetes allows', () => {
    const built = twoEnvironments(`{ namespace: ${'a'.repeat(55)} }`);
    // 55 + `-staging` is 63 characters, the most Kubernetes allows; 55 + `-production` is 66.
    expect(errors(built)).toEqual([expect.objectContaining({ code: 'kubernetes/namespace-too-long', path: ['targets', 'kubernetes', 'namespace'], message: expect.stringContaining('`production`') })]);
  });

  it('writes no Namespace for a shared namespace (createNamespace: false) and says the labels are its owner\'s', () => {
    const built = twoEnvironments('{ namespace: team-a, createNamespace: false, namespacePerEnvironment: false }');
    expect(errors(built)).toEqual([]);
    expect(built.artifacts.some((a) => parse(a).kind === 'Namespace')).toBe(false);
    expect(namespaceOf(built, 'production')).toBe('team-a');
    expect(header(built, 'production')).toMatch(/which this stack does not own \(createNamespace: false\).*\n.*its Pod Security labels are its\n# owner's to set/);
  });

  it('tells the graph and deploy jobs each environment\'s namespace', () => {
    const stack = loadOk(stackYaml('environments: { staging: {}, production: {} }\nservices:\n  api: { image: "ghcr.io/acme/api:1.0", user: 1000 }\ntargets:\n  kubernetes: {}\n'));
    const ctx = contextFor(stack);
    const placements = kubernetes.place!(ctx.model, ctx);
    expect(placements.map((p) => [p.environment, p.lines, p.deploy && 'namespace' in p.deploy ? p.deploy.namespace : undefined])).toEqual([
      ['staging', ['namespace shop-staging'], 'shop-staging'],
      ['production', ['namespace shop-production'], 'shop-production'],
    ]);
  });
});

describe('kubernetes target: scale and size', () => {
  it('says in the Deployment why it has no replicas with autoscale, and how adding autoscale avoids a drop to 1 pod', () => {
    const built = buildText(`services:
  api: { image: "ghcr.io/acme/api:1.0", user: 1000, resources: { cpu: 500m }, autoscale: { min: 2, max: 5 } }
targets:
  kubernetes: {}
`);
    const file = built.artifacts.find((a) => a.path.endsWith('/deployment-api.yaml'))!;
    expect(parse(file).spec.replicas).toBeUndefined();
    expect(file.content).toMatch(/# No spec.replicas: the HorizontalPodAutoscaler sets the number of pods/);
    expect(file.content).toMatch(/kubectl -n <namespace> apply edit-last-applied deployment\/api/);
  });

  it('refuses port ranges that would make a Service too big for etcd, at the range', () => {
    const built = buildText(`services:
  media:
    image: "ghcr.io/acme/media:1.0"
    user: 1000
    ports: [80, "1024-65535"]
targets:
  kubernetes: {}
`);
    expect(built.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'kubernetes/too-many-ports', path: ['services', 'media', 'ports', 1], message: expect.stringContaining('64513 ports') }),
    ]);
    const fine = buildText(`services:\n  media: { image: "ghcr.io/acme/media:1.0", user: 1000, ports: ["10000-10999"] }\ntargets:\n  kubernetes: {}\n`);
    expect(fine.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('kubernetes target: a CronJob that needs a one-shot service', () => {
  const built = build(loadFixture('fidelity/k8s-cronjob-waits-for-job'));
  const dev = applied(built.artifacts, 'development');

  it('waits for the one-shot\'s Job in an init container, as a Deployment does, with the waiter\'s account allowed to read that Job', () => {
    const job = dev.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('migrate-'))!;
    const pod = get(dev, 'CronJob', 'nightly-report').spec.jobTemplate.spec.template.spec;
    expect(pod.serviceAccountName).toBe('shop-wait-for-jobs');
    expect(pod.initContainers.map((c: { command: string[] }) => c.command)).toEqual([['kubectl', 'wait', '--for=condition=complete', '--timeout=10m', `job/${job.metadata.name}`]]);
    expect((get(dev, 'Role', 'shop-wait-for-jobs') as unknown as { rules: { resourceNames: string[] }[] }).rules[0]!.resourceNames).toEqual([job.metadata.name]);
  });

  it('leaves CronJobs that need no one-shot without a waiter', () => {
    const jobs = applied(build(loadFixture('fidelity/jobs')).artifacts, 'production');
    expect(get(jobs, 'CronJob', 'nightly-report').spec.jobTemplate.spec.template.spec.initContainers).toBeUndefined();
  });
});

describe('kubernetes target: jobs', () => {
  const jobsStack = () => loadFixture('fidelity/jobs');
  const built = build(jobsStack());
  const production = applied(built.artifacts, 'production');
  const development = applied(built.artifacts, 'development');

  it('runs a scheduled job as a CronJob: schedule, time zone, concurrency, deadline and retries as written', () => {
    const cron = get(production, 'CronJob', 'nightly-report');
    expect(cron.spec).toMatchObject({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' });
    expect(cron.spec.suspend).toBeUndefined();
    expect(cron.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 1800 });
  });

  it('gives the pods the services\' hardening, the from service\'s image, env and Secret keys, and the job\'s command', () => {
    const pod = get(production, 'CronJob', 'nightly-report').spec.jobTemplate.spec.template.spec;
    expect(pod).toMatchObject({ restartPolicy: 'Never', automountServiceAccountToken: false, enableServiceLinks: false, securityContext: { runAsNonRoot: true, runAsUser: 10001 } });
    const c = pod.containers[0];
    expect(c.image).toBe('ghcr.io/acme/shop-api:1.4.2');
    expect(c.args).toEqual(['python', '-m', 'app.report']);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(envEntry(c, 'SENTRY_DSN').valueFrom.secretKeyRef).toEqual({ name: 'shop-secrets', key: 'SENTRY_DSN' });
    expect(c.envFrom[0].configMapRef.name).toMatch(/^nightly-report-env-/);
  });

  it('writes manual and post-deploy jobs as suspended CronJobs, and leaves a job out where it is disabled', () => {
    expect(get(production, 'CronJob', 'reindex').spec).toMatchObject({ suspend: true, jobTemplate: { spec: { backoffLimit: 0, activeDeadlineSeconds: 7200 } } });
    expect(get(production, 'CronJob', 'warm-cache').spec.suspend).toBe(true);
    expect(find(development, 'CronJob', 'warm-cache')).toBeUndefined();
  });

  it('says in the overlay how to run them', () => {
    const header = built.artifacts.find((a) => a.path === `${overlay('production')}/kustomization.yaml`)!.content;
    expect(header).toContain('#   kubectl -n shop-production create job --from=cronjob/reindex reindex-$(date +%s)');
    expect(header).toContain('#   kubectl -n shop-production create job --from=cronjob/warm-cache warm-cache-<sha>');
    expect(header).toContain('#   kubectl -n shop-production wait --for=condition=complete --timeout=10m job/warm-cache-<sha>');
  });

  it('lets the jobs\' pods through the database\'s NetworkPolicy', () => {
    const policy = get(production, 'NetworkPolicy', 'db');
    expect(policy.spec.ingress[0].from[0].podSelector.matchExpressions[0].values).toEqual(['api', 'nightly-report', 'reindex', 'warm-cache']);
  });

  it('validates against the CronJob schema', () => {
    for (const o of production.filter((x) => x.kind === 'CronJob')) expect({ name: o.metadata.name, problems: kubernetesProblems(o) }).toEqual({ name: o.metadata.name, problems: [] });
  });

  it('warns about a GHCR image once, at the service that names it', () => {
    expect(built.problems.filter((p) => p.code === 'kubernetes/private-registry').map((p) => p.message)).toEqual([expect.stringContaining('`api`')]);
  });
});
