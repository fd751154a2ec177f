// The Kubernetes target: a kustomize base plus one overlay per environment under deploy/kubernetes/,
// so `kubectl apply -k deploy/kubernetes/overlays/<env>` deploys an environment. See
// docs/targets/kubernetes.md for the mapping of every stack.yaml setting and the decisions behind it.
import { generatedHeader } from '../../src/emit/serialize/header.js';
import { defineTarget, type Artifact, type EmitContext, type Report } from '../../src/emit/target.js';
import type { Stack } from '../../src/model/stack.js';
import { reporterFor } from '../../src/emit/emit-helpers.js';
import { baseComments, kustomization, overlayComments } from './kustomization.js';
import { artifact, baseDir, environmentFiles, overlayDir, sharedFiles } from './layout.js';
import { readOptions, type KubernetesOptions } from './options.js';
import { renderEnvironment } from './render.js';
import { hasName } from '../../src/model/lookup.js';

/**
 * Environments that decide what the base holds: all the target deploys, even when `--env` asks
 * for fewer, so building one environment writes the same base as building them all.
 */
function layoutEnvironments(stack: Stack, ctx: EmitContext): string[] {
  const config = stack.targets.find((t) => t.name === 'kubernetes');
  return config && ctx.environments.every((e) => config.environments.includes(e)) ? config.environments : ctx.environments;
}

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

function emit(stack: Stack, ctx: EmitContext): Artifact[] {
  if (ctx.environments.length === 0) return [];
  const options = readOptions(stack, ctx.options);
  checkOptions(options, ctx.report);

  const environments = layoutEnvironments(stack, ctx);
  // Environments outside `--env` are rendered only to find the shared base; they report nothing.
  const renders = environments.map((environment) => ({ environment, result: renderEnvironment(stack, environment, ctx.services, options, reporterFor(ctx)(environment)) }));
  const files = renders.map((r) => environmentFiles(r.environment, r.result.objects, ctx.stackFile));
  const shared = sharedFiles(files);
  const header = generatedHeader(ctx.stackFile);

  const artifacts: Artifact[] = [artifact(`${baseDir}/kustomization.yaml`, header + baseComments() + kustomization(options.namespace, shared))];
  for (const name of shared) artifacts.push(artifact(`${baseDir}/${name}`, files[0]!.files.get(name)!));

  for (const [i, { environment, result }] of renders.entries()) {
    if (!ctx.environments.includes(environment)) continue;
    const dir = overlayDir(environment);
    const own = [...files[i]!.files].filter(([name]) => !hasName(shared, name));
    const comments = overlayComments(stack, environment, dir, options, result);
    artifacts.push(artifact(`${dir}/kustomization.yaml`, header + comments + kustomization(options.namespace, ['../../base', ...own.map(([name]) => name)]), environment));
    for (const [name, content] of own) artifacts.push(artifact(`${dir}/${name}`, content, environment));
  }
  return artifacts;
}

export default defineTarget({
  name: 'kubernetes',
  describe: 'Kubernetes manifests as kustomize base + one overlay per environment (deploy/kubernetes/)',
  emit,
});
