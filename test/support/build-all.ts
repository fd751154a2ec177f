// Every fixture with a stack, built for every built-in target and environment whatever it
// enables: what the whole-corpus checks (safety, platform schemas) read.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { BUILTIN_TARGETS } from '../../src/emit/registry.js';
import { markBuiltin, renderArtifacts } from '../../src/emit/render.js';
import type { Artifact } from '../../src/emit/target.js';
import { loadStackFile } from '../../src/load/load-stack.js';
import { root } from '../helpers.js';
import { fidelityFixtures } from './fixtures.js';

markBuiltin(BUILTIN_TARGETS);

/** The fixture directories that hold a stack.yaml (lint fixtures' good and bad ones included). */
export const STACK_FIXTURES = [
  ...readdirSync(join(root, 'fixtures')).map((f) => `fixtures/${f}`),
  ...fidelityFixtures().map((f) => `fixtures/${f}`),
  ...readdirSync(join(root, 'fixtures/lint')).flatMap((r) => ['bad', 'good'].map((k) => `fixtures/lint/${r}/${k}`)),
].filter((d) => existsSync(join(root, d, 'stack.yaml')));

/** Builds a stack for every built-in target and environment, whatever it enables; undefined for a stack that does not load. */
export function buildAll(dir: string): { artifacts: Artifact[]; stack: NonNullable<ReturnType<typeof loadStackFile>['stack']> } | undefined {
  const loaded = loadStackFile(join(root, dir, 'stack.yaml'));
  if (!loaded.stack) return undefined; // lint fixtures that are invalid on purpose
  const all = BUILTIN_TARGETS.map((t) => ({ name: t.name, environments: loaded.stack!.environments.map((e) => e.name), options: loaded.stack!.targets.find((x) => x.name === t.name)?.options ?? {}, path: ['targets', t.name] }));
  const stack = { ...loaded.stack, targets: all } as typeof loaded.stack;
  const { artifacts, problems } = renderArtifacts(resolveDeployment(stack).model, BUILTIN_TARGETS, { stackFile: 'stack.yaml' });
  // A target that refuses the stack (an error) has its files never written: they are not checked.
  const refused = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.target));
  return { artifacts: artifacts.filter((a) => !refused.has(a.target)), stack };
}
