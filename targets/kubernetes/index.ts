// The Kubernetes target: a kustomize base plus one overlay per environment under deploy/kubernetes/,
// so `kubectl apply -k deploy/kubernetes/overlays/<env>` deploys an environment. See
// docs/targets/kubernetes.md for the mapping of every stack.yaml setting and the decisions behind it.
import { generatedHeader } from '../../src/emit/serialize/header.js';
import { defineTarget, type Artifact, type EmitContext, type Report } from '../../src/emit/target.js';
import type { DeploymentModel } from '../../src/deploy/model.js';
import { reporterFor } from '../../src/emit/emit-helpers.js';
import { baseComments, kustomization, overlayComments } from './kustomization.js';
import { artifact, baseDir, environmentFiles, overlayDir, sharedFiles, unionFacts } from './layout.js';
import { releaseComments, releaseDir, releaseServices } from './release.js';
import { checkNamespaces } from './namespace-names.js';
import { readOptions, type KubernetesOptions } from './options.js';
import { renderEnvironment } from './render.js';
import type { Json } from '../../src/emit/patches/json.js';
import capabilities from './capabilities.js';
import { place } from './place.js';
import { appliesIn, patchName, readPatches } from '../../src/emit/patches/patches.js';
import { checkPatches, kustomizationPatch } from './patches.js';
import { commentLines } from '../../src/emit/serialize/header.js';

function checkOptions(options: KubernetesOptions, report: Report): void {
  if (options.ingress.issuer && !options.ingress.tls) {
    report({
      severity: 'warning',
      code: 'kubernetes/issuer-without-tls',
      message: `\`ingress.issuer\` is \`${options.ingress.issuer}\` but \`ingress.tls\` is off; cert-manager issues certificates only for an Ingress's TLS hosts, so the issuer is not used`,
      path: [...options.path, 'ingress', 'issuer'],
      hint: 'set `ingress: { tls: true }`',
    });
  }
}

function emit(model: DeploymentModel, ctx: EmitContext): Artifact[] {
  const stack = model.stack;
  if (ctx.environments.length === 0) return [];
  const options = readOptions(stack, ctx.options);
  checkOptions(options, ctx.report);
  checkNamespaces(options, ctx.plan.environments, ctx.options.namespace === undefined ? options.path : [...options.path, 'namespace'], ctx.report);

  // Every environment the target deploys decides what the base holds, even when `--env` builds
  // fewer, so building one environment writes the same base as building them all. Environments
  // outside `--env` are rendered only to find the shared base; they report nothing.
  const renders = ctx.plan.environments.map((environment) => ({
    environment,
    result: renderEnvironment({ model, plan: ctx.plan, environment, options, gaps: ctx.gaps, report: reporterFor(ctx)(environment) }),
  }));
  const files = renders.map((r) => environmentFiles(r.environment, r.result.objects, ctx.stackFile));
  const shared = sharedFiles(files);
  const inBase = new Set(shared);
  // A base file is the same bytes everywhere; what it deploys is what it deploys in any environment.
  const baseFiles = shared.map((name) => ({ content: files[0]!.files.get(name)!.content, facts: unionFacts(files.map((f) => f.files.get(name)!)) }));
  const header = generatedHeader(ctx.stackFile);
  const patches = readPatches('kubernetes', ctx.options);

  const artifacts: Artifact[] = [artifact(`${baseDir}/kustomization.yaml`, header + baseComments() + kustomization(undefined, shared), unionFacts(baseFiles))];
  for (const [i, name] of shared.entries()) artifacts.push(artifact(`${baseDir}/${name}`, baseFiles[i]!.content, baseFiles[i]!.facts));

  for (const [i, { environment, result }] of renders.entries()) {
    if (!ctx.environments.includes(environment)) continue;
    const dir = overlayDir(environment);
    const own = [...files[i]!.files].filter(([name]) => !inBase.has(name));
    const comments = overlayComments(stack, environment, dir, options, result);
    // The overlay applies the base too: its facts are the whole environment's.
    const facts = unionFacts([...files[i]!.files.values()]);
    const patched = patches.filter((p) => appliesIn(p, environment));
    const objects = patched.length ? result.objects.map((r) => r.object as Json) : [];
    if (patched.length) checkPatches(patched, objects, environment, reporterFor(ctx)(environment));
    const patchNotes = patched.length ? commentLines(['', `Patched by stack.yaml: ${patched.map(patchName).join(', ')} (applied by kustomize over the base).`]) : '';
    const written = kustomization(result.namespace, ['../../base', ...own.map(([name]) => name)], patched.map((p) => kustomizationPatch(p, objects)));
    const overlay = artifact(`${dir}/kustomization.yaml`, header + comments + patchNotes + written, facts, environment);
    artifacts.push(patched.length ? { ...overlay, patchedBy: patched.map((p) => p.path) } : overlay);
    for (const [name, file] of own) artifacts.push(artifact(`${dir}/${name}`, file.content, file.facts, environment));
    if (result.releases.length) {
      const release = environmentFiles(environment, result.releases, ctx.stackFile);
      const releaseFacts = unionFacts([...release.files.values()]);
      const at = releaseDir(environment);
      artifacts.push(artifact(`${at}/kustomization.yaml`, header + releaseComments(environment, releaseServices(result)) + kustomization(result.namespace, [...release.files.keys()]), releaseFacts, environment));
      for (const [name, file] of release.files) artifacts.push(artifact(`${at}/${name}`, file.content, file.facts, environment));
    }
  }
  return artifacts;
}

export default defineTarget({
  name: 'kubernetes',
  describe: 'Kubernetes manifests as kustomize base + one overlay per environment (deploy/kubernetes/)',
  capabilities,
  place,
  emit,
});
