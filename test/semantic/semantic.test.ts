// Would it deploy as meant? Every example and fidelity fixture, and a slice of generated stacks,
// built as `stackc build` builds them; each Kubernetes overlay rendered by the real
// `kubectl kustomize` and each Compose file read as `docker compose up` would, then checked
// (kubernetes-checks.ts, compose-checks.ts). A stack the build refuses has nothing to check here:
// its refusal is its golden (fixtures/fidelity/README.md).
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { loadStack } from '../../src/api/load.js';
import type { DeploymentModel } from '../../src/deploy/model.js';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { dockerfileReader, noDockerfiles, type DockerfileReader } from '../../src/dockerfile/reader.js';
import { diskFiles } from '../../src/emit/project-files.js';
import { BUILTIN_TARGETS } from '../../src/emit/registry.js';
import { markBuiltin, renderArtifacts } from '../../src/emit/render.js';
import type { Artifact } from '../../src/emit/target.js';
import { loadStackText } from '../../src/load/load-stack.js';
import type { Stack } from '../../src/model/stack.js';
import { root } from '../helpers.js';
import { stackShape, toYaml } from '../property/arbitraries.js';
import { exampleFixtures, fidelityFixtures } from '../support/fixtures.js';
import { composeSemanticProblems } from './compose-checks.js';
import { kubernetesSemanticProblems, type KubernetesSemantics } from './kubernetes-checks.js';
import { containerResourceUser } from '../../src/deploy/image-user.js';
import { kubectlAvailable, kubectlRequired, renderOverlays } from './kustomize.js';

markBuiltin(BUILTIN_TARGETS);

const KUBECTL = kubectlAvailable();
if (!KUBECTL) {
  const message = 'kubectl is not installed: the Kubernetes semantic checks (real `kubectl kustomize`) cannot run';
  if (kubectlRequired()) throw new Error(`${message}, and STACKC_REQUIRE_KUBECTL=1 requires them (install kubectl: apt-get install -y kubectl)`);
  console.warn(`${message}; skipping them. Install kubectl to run them.`);
}

/** What the checks need to know of the stack beyond its files. */
function semanticsOf(stack: Stack, model: DeploymentModel): KubernetesSemantics {
  const unknownUsers = new Set(model.environments.flatMap((e) => [
    ...e.services.filter((s) => s.runAs.kind === 'unknown').map((s) => s.name),
    // A container resource of an image stackc knows nothing of, without `user:`.
    ...e.resources.filter((r) => r.type === 'container' && containerResourceUser(r).kind === 'unknown').map((r) => r.name),
  ]));
  const options = (stack.targets.find((t) => t.name === 'kubernetes')?.options ?? {}) as Record<string, unknown>;
  return { unknownUsers, sharedNamespace: sharesNamespace(options) };
}

/** The opt-out from a namespace per environment (docs/targets/kubernetes.md). */
const sharesNamespace = (options: Record<string, unknown>): boolean => options.namespacePerEnvironment === false;

function problemsOf(artifacts: Artifact[], stack: Stack, model: DeploymentModel, dockerfile: DockerfileReader): string[] {
  const kubernetes = KUBECTL ? kubernetesSemanticProblems(renderOverlays(artifacts), semanticsOf(stack, model)) : [];
  return [...kubernetes, ...composeSemanticProblems(artifacts, model, dockerfile)];
}

/** Problems of the stack at `file` built as `stackc build` builds it; undefined when it is refused. */
async function stackProblems(file: string): Promise<string[] | undefined> {
  const loaded = loadStack(file);
  if (!loaded.ok) return undefined;
  const built = await build(loaded);
  if (!built.ok) return undefined;
  const dockerfile = dockerfileReader(diskFiles(loaded.stack.root));
  const { model } = resolveDeployment(loaded.stack, dockerfile);
  return problemsOf(built.artifacts, loaded.stack, model, dockerfile);
}

describe('semantic checks: what a cluster and `docker compose up` would do with the output', () => {
  for (const name of [...exampleFixtures(), ...fidelityFixtures()]) {
    it(`fixtures/${name}`, async () => {
      const problems = await stackProblems(join(root, 'fixtures', name, 'stack.yaml'));
      expect(problems ?? [], `fixtures/${name}`).toEqual([]);
    }, 60_000);
  }

  // Stacks kept outside the project (reviewers' realistic apps): STACKC_SEMANTIC_STACKS lists their
  // directories (or stack.yaml files), separated by `:`. A stack the build refuses is reported as such.
  for (const extra of (process.env.STACKC_SEMANTIC_STACKS ?? '').split(':').filter(Boolean)) {
    it(`${extra} (STACKC_SEMANTIC_STACKS)`, async () => {
      const file = extra.endsWith('.yaml') || extra.endsWith('.yml') ? extra : join(extra, 'stack.yaml');
      const problems = await stackProblems(file);
      expect(problems ?? ['the build refuses this stack (run `stackc build` on it to read why)'], file).toEqual([]);
    }, 60_000);
  }

  const RUNS = Math.max(10, Math.floor(Number(process.env.STACKC_PROPERTY_RUNS ?? 100) / 4));
  it(`generated stacks (${RUNS})`, () => {
    fc.assert(
      fc.property(stackShape, (shape) => {
        const text = toYaml(shape.data);
        const loaded = loadStackText(text, { file: 'stack.yaml', root: '/project' });
        if (!loaded.stack) throw new Error(`generated stack does not load:\n${text}`);
        const { model } = resolveDeployment(loaded.stack);
        const result = renderArtifacts(model, BUILTIN_TARGETS, { stackFile: 'stack.yaml' });
        if (result.problems.some((p) => p.severity === 'error')) return; // refused: the property tests hold that it is not
        expect(problemsOf(result.artifacts, loaded.stack, model, noDockerfiles), text).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
