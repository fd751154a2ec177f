// Pull credentials for images on a registry that keeps new images private: GHCR, where the generated
// CI pushes by default, makes a newly pushed package private until someone makes it public
// (https://docs.github.com/en/packages/learn-github-packages/configuring-a-packages-access-control-and-visibility).
// The pods name a docker-registry Secret called `<stack>-<registry>`, which the overlay header says
// how to create. Where `registries.<host>.credentials` names the secrets holding the user name and
// password, the Secret is made from those (the same names CI's login and the other targets read),
// for images on any registry. A Secret the pods name but the
// namespace lacks is harmless: the kubelet records FailedToRetrieveImagePullSecret and pulls without
// it (https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/), so a
// public image still starts.
import type { DeployedService } from '../../src/deploy/model.js';
import type { Report } from '../../src/emit/target.js';
import type { Registry } from '../../src/model/stack.js';
import { registryCredentials } from '../../src/deploy/registry-credentials.js';

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
  /** Made from the secrets `registries.<host>.credentials` names (else the header's own variable names). */
  declared: boolean;
}

/** Registries that keep a newly pushed image private, with what `kubectl create secret docker-registry` needs. */
const PRIVATE_BY_DEFAULT: Readonly<Record<string, Omit<PullSecret, 'name' | 'registry' | 'declared'> & { suffix: string }>> = {
  'ghcr.io': { suffix: 'ghcr', title: 'GHCR', username: 'GITHUB_USER', password: 'GHCR_TOKEN', about: 'a GitHub user and a personal access token (classic) of theirs with read:packages' },
};

/** The pull Secret the service's pods name, when its image is on a registry with named credentials or one that keeps images private. */
export function pullSecret(service: DeployedService, stack: string, registries: readonly Registry[]): PullSecret | undefined {
  const registry = service.imageRef?.registry;
  if (registry === undefined) return undefined;
  const known = PRIVATE_BY_DEFAULT[registry];
  const credentials = registryCredentials(registries, registry);
  if (credentials) {
    return {
      name: `${stack}-${known?.suffix ?? hostLabel(registry)}`,
      registry,
      title: registry,
      username: credentials.username,
      password: credentials.password,
      about: `the secrets registries.${registry}.credentials names`,
      declared: true,
    };
  }
  if (!known) return undefined;
  const { suffix, ...how } = known;
  return { name: `${stack}-${suffix}`, registry, ...how, declared: false };
}

/** A registry host as part of a Secret name: `registry.example.com:5000` → `registry-example-com-5000`. */
const hostLabel = (host: string): string => host.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

export function reportPullSecret(service: DeployedService, secret: PullSecret, report: Report): void {
  if (secret.declared) {
    report({
      severity: 'info',
      code: 'kubernetes/pull-secret',
      message: `\`${service.name}\`'s pods pull \`${service.imageRef!.name}\` with the pull Secret \`${secret.name}\`, made from the secrets ${secret.username} and ${secret.password} that \`registries\` names`,
      path: service.origins.image ?? service.path,
      hint: `the deploy workflow creates \`${secret.name}\` from those secrets; by hand, the overlay's kustomization.yaml has the \`kubectl create secret docker-registry\` line`,
    });
    return;
  }
  report({
    severity: 'warning',
    code: 'kubernetes/private-registry',
    message: `\`${service.name}\`'s image \`${service.imageRef!.name}\` is on ${secret.title}, which keeps a newly pushed image private: the cluster needs credentials to pull it, so its pods name the pull Secret \`${secret.name}\``,
    path: service.origins.image ?? service.path,
    hint: `create \`${secret.name}\` before the first deploy (the overlay's kustomization.yaml has the \`kubectl create secret docker-registry\` line), or make the package public`,
  });
}
