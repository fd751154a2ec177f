// Pull credentials for images on a registry that keeps new images private: GHCR, where the generated
// CI pushes by default, makes a newly pushed package private until someone makes it public
// (https://docs.github.com/en/packages/learn-github-packages/configuring-a-packages-access-control-and-visibility).
// Until stack.yaml can name registry credentials, the pods name a docker-registry Secret called
// `<stack>-<registry>`, which the overlay header says how to create. A Secret the pods name but the
// namespace lacks is harmless: the kubelet records FailedToRetrieveImagePullSecret and pulls without
// it (https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/), so a
// public image still starts.
import type { DeployedService } from '../../src/deploy/model.js';
import type { Report } from '../../src/emit/target.js';

export interface PullSecret {
  /** The Secret's name: `shop-ghcr`. */
  name: string;
  registry: string;
  /** How messages name the registry. */
  title: string;
  /** Shell variables the `kubectl create secret` line reads, and what each must hold. */
  username: string;
  password: string;
  about: string;
}

/** Registries that keep a newly pushed image private, with what `kubectl create secret docker-registry` needs. */
const PRIVATE_BY_DEFAULT: Readonly<Record<string, Omit<PullSecret, 'name' | 'registry'> & { suffix: string }>> = {
  'ghcr.io': { suffix: 'ghcr', title: 'GHCR', username: 'GITHUB_USER', password: 'GHCR_TOKEN', about: 'a GitHub user and a personal access token (classic) of theirs with read:packages' },
};

/** The pull Secret the service's pods name, when its image is on such a registry. */
export function pullSecret(service: DeployedService, stack: string): PullSecret | undefined {
  const registry = service.imageRef?.registry;
  const known = registry !== undefined ? PRIVATE_BY_DEFAULT[registry] : undefined;
  if (!known || !registry) return undefined;
  const { suffix, ...how } = known;
  return { name: `${stack}-${suffix}`, registry, ...how };
}

export function reportPullSecret(service: DeployedService, secret: PullSecret, report: Report): void {
  report({
    severity: 'warning',
    code: 'kubernetes/private-registry',
    message: `\`${service.name}\`'s image \`${service.imageRef!.name}\` is on ${secret.title}, which keeps a newly pushed image private: the cluster needs credentials to pull it, so its pods name the pull Secret \`${secret.name}\``,
    path: service.origins.image ?? service.path,
    hint: `create \`${secret.name}\` before the first deploy (the overlay's kustomization.yaml has the \`kubectl create secret docker-registry\` line), or make the package public`,
  });
}
