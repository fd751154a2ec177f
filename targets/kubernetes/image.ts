// The image a Deployment pulls. With `build`, `image` is the name CI pushes; a cluster can only
// pull from a registry, so an image without a tag (pulled as `latest`) or without a name is flagged.
import type { Service } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';

/** The tag of an image reference, `undefined` when it has none (a registry port is not a tag). */
export function imageTag(image: string): string | undefined {
  const name = image.split('@')[0]!;
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon >= 0 ? last.slice(colon + 1) : undefined;
}

/** The repository without tag or digest: `ghcr.io/acme/api`. */
export function imageName(image: string): string {
  const name = image.split('@')[0]!;
  const tag = imageTag(name);
  return tag === undefined ? name : name.slice(0, name.length - tag.length - 1);
}

export function serviceImage(service: Service, stackName: string, report: Report): string {
  if (!service.image) {
    const local = `${stackName}-${service.name}`;
    report({
      severity: 'warning',
      code: 'kubernetes/no-image',
      message: `\`${service.name}\` is built from \`${service.build?.context ?? '.'}\` but has no \`image\`; a cluster pulls images from a registry, so the Deployment uses the local name \`${local}\``,
      path: service.origins.build ?? service.path,
      hint: 'set `image:` to the name CI pushes the build to, e.g. `ghcr.io/acme/api`',
    });
    return local;
  }
  const digest = service.image.includes('@');
  const tag = imageTag(service.image);
  if (!digest && (tag === undefined || tag === 'latest')) {
    report({
      severity: 'warning',
      code: 'kubernetes/image-tag',
      message: `\`${service.name}\` uses image \`${service.image}\` ${tag ? 'tagged `latest`' : 'without a tag'}; Kubernetes pulls \`latest\`, so pods of one Deployment can run different builds and a rollback cannot name the old one`,
      path: service.origins.image ?? service.path,
      hint: service.build
        ? `set the tag CI pushed at deploy time: \`(cd deploy/kubernetes/overlays/<env> && kustomize edit set image ${imageName(service.image)}=${imageName(service.image)}:<git-sha>)\`, or pin it in \`image:\``
        : 'pin a version tag or a digest, e.g. `nginx:1.27-alpine`',
    });
  }
  return service.image;
}
