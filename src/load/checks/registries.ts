// `registries:`: each login fits its host, and each host is one the stack pushes or pulls images
// from. The schema has already checked the shape of the ARN and of the provider's resource name.
import { registryOf } from '../../vocabulary/image-reference.js';
import { isEcr, isGoogleRegistry } from '../../vocabulary/registry-hosts.js';
import type { DataCheck, ModelCheck } from './context.js';

/** `aws` signs in to Amazon ECR only, `gcp` to Google's registries only: any other host would refuse the token. */
export const checkRegistryLogins: DataCheck = (ctx) => {
  for (const [host, entry] of Object.entries(ctx.data.registries ?? {})) {
    if (entry.aws && !isEcr(host)) {
      ctx.report({
        path: ['registries', host, 'aws'],
        atKey: true,
        code: 'registry-login',
        message: `\`aws\` signs in to Amazon ECR, and \`${host}\` is not an ECR registry (\`<account>.dkr.ecr.<region>.amazonaws.com\`)`,
        hint: 'key the entry by the ECR host your images name, or use `gcp` for a Google registry',
      });
    }
    if (entry.gcp && !isGoogleRegistry(host)) {
      ctx.report({
        path: ['registries', host, 'gcp'],
        atKey: true,
        code: 'registry-login',
        message: `\`gcp\` signs in to Google Artifact Registry, and \`${host}\` is not one (\`<location>-docker.pkg.dev\`, or \`gcr.io\`)`,
        hint: 'key the entry by the Artifact Registry host your images name, or use `aws` for an ECR registry',
      });
    }
  }
};

/**
 * A host no image names does nothing, most often a typo in the host (then CI falls back to secrets
 * named after the image's real host). Images are the services' `image:` in any environment, and
 * the GitHub Actions `registry` option, where CI pushes builds that have no `image:`.
 */
export const checkRegistriesUsed: ModelCheck = (stack, ctx) => {
  if (stack.registries.length === 0) return;
  const used = new Set<string>();
  for (const view of stack.views.values()) for (const service of view.services) if (service.image) used.add(registryOf(service.image).toLowerCase());
  const ci = stack.targets.find((t) => t.name === 'github-actions');
  const option = ci?.options.registry;
  used.add(typeof option === 'string' ? registryOf(`${option.replace(/\/+$/, '')}/x`).toLowerCase() : 'ghcr.io');
  for (const registry of stack.registries.filter((r) => !used.has(r.host.toLowerCase()))) {
    ctx.report({
      path: registry.path,
      atKey: true,
      severity: 'warning',
      code: 'registry-unused',
      message: `no image is on \`${registry.host}\`, so this login is never used`,
      hint: `name the host exactly as the services' \`image:\` does (${[...used].sort().map((h) => `\`${h}\``).join(', ')})`,
    });
  }
};
