// Whether Compose builds a service's image from source or pulls it. A service with both `image` and
// `build` is pulled first and built only when the registry has no such image (compose-spec
// build.md), so without a policy `docker compose up` on a laptop runs the image CI pushed, not the
// working tree (and never Dockerfile.dev). Development environments (the model's role) build, on
// every `up`: `pull_policy: build`. Elsewhere the file runs what CI pushed: `pull_policy: missing`
// with a tag the user must set (`${API_TAG:?...}`, not a floating `latest`), built from source only
// when the registry has no such tag. A service without an image name has nothing to pull: it builds.
import type { DeployedEnvironment, DeployedService } from '../../src/deploy/model.js';
import { envPrefix } from '../../src/model/dns-label.js';
import { parseImageReference } from '../../src/vocabulary/image-reference.js';
import type { ImageNames } from './images.js';
import type { Scope } from './scope.js';

export type PullPolicy = 'build' | 'missing';

/** Where built services are built on every `up` (and the file's command says `up --build`). */
export const buildsFromSource = (environment: Pick<DeployedEnvironment, 'role'>): boolean => environment.role === 'development';

/**
 * The `image` and `pull_policy` of a service that builds. `name` is the image name the file gives
 * it (images.ts); services sharing one image share one tag variable, named after the first of them.
 */
export function builtImage(service: DeployedService, name: string | undefined, images: ImageNames, scope: Scope): { image?: string; pull_policy: PullPolicy } {
  if (name === undefined) return { pull_policy: 'build' };
  if (buildsFromSource(scope.environment)) return { image: name, pull_policy: 'build' };
  const ref = parseImageReference(name);
  if (ref.tag !== undefined || ref.digest !== undefined) return { image: name, pull_policy: 'missing' };
  const tag = scope.vars.required(
    `${envPrefix(images.owner(name) ?? service.name)}_TAG`,
    'image',
    `Tag of ${name} that CI pushed (a commit SHA or version); Compose builds it if the registry has none.`,
    service.name,
  );
  return { image: `${name}:${tag}`, pull_policy: 'missing' };
}
