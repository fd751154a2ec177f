// The image a Deployment pulls. With `build`, `image` is the name CI pushes; a cluster can only
// pull from a registry, so an image without a tag (pulled as `latest`) or without a name is flagged.
import type { DeployedService } from '../../src/deploy/model.js';
import type { Report } from '../../src/emit/target.js';
import { IMPLICIT_TAG } from '../../src/vocabulary/floating-tags.js';
import { parseImageReference } from '../../src/vocabulary/image-reference.js';

/** The repository without tag or digest: `ghcr.io/acme/api`, what a deploy job points at a new build. */
export const imageName = (image: string): string => parseImageReference(image).name;

/** The image the Deployment names: `image:`, else the local name a build without one gets. */
export const workloadImage = (service: DeployedService, stackName: string): string => service.image ?? `${stackName}-${service.name}`;

export function serviceImage(service: DeployedService, stackName: string, report: Report): string {
  const image = workloadImage(service, stackName);
  if (!service.imageRef) {
    report({
      severity: 'warning',
      code: 'kubernetes/no-image',
      message: `\`${service.name}\` is built from \`${service.build?.context ?? '.'}\` but has no \`image\`; a cluster pulls images from a registry, so the Deployment uses the local name \`${image}\``,
      path: service.origins.build ?? service.path,
      hint: 'set `image:` to the name CI pushes the build to, e.g. `ghcr.io/acme/api`',
    });
    return image;
  }
  const { name, tag, digest } = service.imageRef;
  if (digest === undefined && (tag === undefined || tag === IMPLICIT_TAG)) {
    report({
      severity: 'warning',
      code: 'kubernetes/image-tag',
      message: `\`${service.name}\` uses image \`${image}\` ${tag ? 'tagged `latest`' : 'without a tag'}; Kubernetes pulls \`latest\`, so pods of one Deployment can run different builds and a rollback cannot name the old one`,
      path: service.origins.image ?? service.path,
      hint: service.build
        ? `set the tag CI pushed at deploy time, in the overlay's kustomization.yaml: \`images: [{ name: ${name}, newTag: <tag> }]\` (the generated deploy workflow writes it), or pin it in \`image:\``
        : 'pin a version tag or a digest, e.g. `nginx:1.27-alpine`',
    });
  }
  return image;
}
