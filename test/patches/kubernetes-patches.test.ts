// Kubernetes patches (issue 21): written into the overlay's kustomization.yaml for kustomize, and
// applied in process (src/emit/patches) for the build's checks and lint. The in-process result must
// be what `kubectl kustomize` renders, on every fixture with patches and on the merge cases below.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { loadStack } from '../../src/api/load.js';
import { strategicMerge } from '../../src/emit/patches/strategic-merge.js';
import { renderOverlay } from '../../src/emit/patches/overlay.js';
import { sameJson } from '../../src/emit/patches/json.js';
import type { Artifact } from '../../src/emit/target.js';
import kubernetes from '../../targets/kubernetes/index.js';
import { loadOk, root, stackYaml } from '../helpers.js';
import { kubernetesProblems } from '../platform-schemas.js';
import { fidelityFixtures } from '../support/fixtures.js';
import { kubectlMissing, kustomize } from '../support/kubectl.js';
import { emitContext, emitTarget } from '../targets/context.js';

const OVERLAY = /^(.*\/overlays\/[^/]+)\/kustomization\.yaml$/;
const byName = (objects: unknown[]) => [...objects].sort((a: any, b: any) => `${a.kind}/${a.metadata?.name}`.localeCompare(`${b.kind}/${b.metadata?.name}`));

// The fixtures whose Kubernetes output has patches (k8s-patches, k8s-patch-...).
const patchedFixtures = fidelityFixtures().filter((f) => /k8s-patch/.test(f) && !/breaks/.test(f));

async function built(fixture: string): Promise<Artifact[]> {
  const loaded = loadStack(join(root, 'fixtures', fixture, 'stack.yaml'));
  if (!loaded.ok) throw new Error(`${fixture} does not load`);
  const result = await build(loaded);
  if (!result.ok) throw new Error(`${fixture} does not build`);
  return result.artifacts.filter((a) => a.target === 'kubernetes');
}

describe.skipIf(kubectlMissing)('in-process patches render what `kubectl kustomize` renders', () => {
  it('has a fixture with Kubernetes patches', () => expect(patchedFixtures).toContain('fidelity/k8s-patches'));

  it.each(patchedFixtures)('%s: every overlay', async (fixture) => {
    const artifacts = await built(fixture);
    const files = new Map(artifacts.map((a) => [a.path, a.content]));
    for (const a of artifacts) {
      const dir = OVERLAY.exec(a.path)?.[1];
      if (!dir) continue;
      const real = kustomize(artifacts, dir);
      const ours = renderOverlay(files, dir).objects;
      expect(sameJson(byName(ours), byName(real)), `${dir}: in process\n${JSON.stringify(byName(ours), null, 1)}\nkubectl\n${JSON.stringify(byName(real), null, 1)}`).toBe(true);
      for (const object of real) expect(kubernetesProblems(object as any), `${dir} ${object.kind}/${object.metadata?.name}`).toEqual([]);
    }
  });

  // Strategic merge cases kustomize orders or keys in its own way, each checked against the real thing.
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', labels: { app: 'api' } },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          volumes: [{ name: 'tmp', emptyDir: {} }],
          containers: [
            { name: 'api', image: 'x:1', args: ['a'], env: [{ name: 'A', value: '1' }, { name: 'C', value: '3' }, { name: 'D', value: '4' }], ports: [{ containerPort: 80, name: 'http' }], volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] },
          ],
        },
      },
    },
  };
  const cases: [string, unknown][] = [
    ['a sidecar goes first, the patch\'s items in its order', { spec: { template: { spec: { containers: [{ name: 'side', image: 'y:2' }, { name: 'api', env: [{ name: 'C', value: '33' }, { name: 'B', value: '2' }] }] } } } }],
    ['$patch: delete removes a list item; null removes a key', { spec: { template: { spec: { containers: [{ name: 'api', args: null, env: [{ name: 'A', $patch: 'delete' }] }] } } } }],
    ['a plain list replaces; ports merge by number', { spec: { template: { spec: { containers: [{ name: 'api', args: ['b', 'c'], ports: [{ containerPort: 81 }] }] } } } }],
    ['volumes and mounts merge by name and path', { spec: { template: { spec: { volumes: [{ name: 'cache', emptyDir: {} }], containers: [{ name: 'api', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }] } } } }],
    ['$patch: replace replaces a map', { spec: { template: { metadata: { labels: { $patch: 'replace', app: 'api', tier: 'web' } } } } }],
  ];
  it.each(cases)('%s', (_, patch) => {
    const base = { path: 'base/kustomization.yaml', content: 'resources: [deployment.yaml]\n' };
    const object = { path: 'base/deployment.yaml', content: JSON.stringify(deployment) };
    const smp = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, ...(patch as object) };
    const overlay = { path: 'overlay/kustomization.yaml', content: JSON.stringify({ resources: ['../base'], patches: [{ target: { kind: 'Deployment', name: 'api' }, patch: JSON.stringify(smp) }] }) };
    const [real] = kustomize([base, object, overlay], 'overlay');
    expect(strategicMerge(deployment, patch)).toEqual(real);
  });
});

describe('a patch that the objects cannot take is an error at its line', () => {
  const stack = (patches: string) =>
    stackYaml(`services:
  api:
    image: quay.io/acme/api:1.0.0
    ports: [8000]
    user: "1000:1000"
targets:
  kubernetes:
    patches:
${patches}`);
  const problems = (patches: string) => {
    const ctx = emitContext(loadOk(stack(patches)), 'kubernetes');
    emitTarget(kubernetes, ctx);
    return ctx.problems.filter((p) => p.code === 'kubernetes/patch-failed');
  };

  it('a value of another type than the schema takes (replicas as text)', () => {
    const [p] = problems(`      - target: { kind: Deployment, name: api }
        patch: [{ op: replace, path: /spec/replicas, value: "five" }]`);
    expect(p).toMatchObject({ severity: 'error', path: ['targets', 'kubernetes', 'patches', 0] });
    expect(p!.message).toContain('makes `spec.replicas` text where stackc writes a number');
  });

  it('a quantity may be a number or text, as Kubernetes takes it', () => {
    expect(problems(`      - target: { kind: Deployment }
        patch: { spec: { template: { spec: { containers: [{ name: api, resources: { limits: { cpu: 2 } } }] } } } }`)).toEqual([]);
  });

  it('an object that is not there, a path that is not there, a renamed object', () => {
    const found = problems(`      - target: { kind: Deployment, name: web }
        patch: { spec: { paused: true } }
      - target: { kind: Service }
        patch: [{ op: remove, path: /spec/nope }]
      - target: { kind: Service }
        patch: [{ op: replace, path: /metadata/name, value: other }]`);
    found.sort((a, b) => Number(a.path?.at(-1)) - Number(b.path?.at(-1)));
    expect(found.map((p) => p.path)).toEqual([
      ['targets', 'kubernetes', 'patches', 0],
      ['targets', 'kubernetes', 'patches', 1],
      ['targets', 'kubernetes', 'patches', 2],
    ]);
    expect(found[0]!.message).toContain('selects no object: the overlay has no Deployment named `web`');
    expect(found[1]!.message).toContain('operation 1: /spec/nope does not exist');
    expect(found[2]!.message).toContain('changes the `metadata.name` of Service/api');
  });
});
