import { isProduction } from '../../model/environment-kind.js';
import { defineRule } from '../rule.js';

/** dclint's list of tags that name a moving target rather than a release. */
export const FLOATING_TAGS: readonly string[] = ['latest', 'stable', 'edge', 'test', 'nightly', 'dev', 'beta', 'canary', 'lts', 'main', 'master'];

export interface ImageRef {
  /** Registry and repository, without tag or digest: `ghcr.io/acme/api`. */
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits `[registry[:port]/]repository[:tag][@digest]`; a registry port is not a tag. */
export function parseImageRef(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const ref = at >= 0 ? image.slice(0, at) : image;
  const slash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', slash + 1);
  const name = colon >= 0 ? ref.slice(0, colon) : ref;
  const tag = colon >= 0 ? ref.slice(colon + 1) : undefined;
  return { name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/**
 * The floating tag an image uses (`latest` when it has none), or `undefined` when it is pinned to a
 * version or a digest. A listed word followed only by variant words counts too (`lts-alpine`,
 * `stable-slim`), but not when a version or commit follows (`main-3f2a9c1`).
 */
export function floatingTag(ref: ImageRef, prohibited: readonly string[]): string | undefined {
  if (ref.digest) return undefined;
  if (ref.tag === undefined) return 'latest';
  const tag = ref.tag.toLowerCase();
  for (const word of prohibited) {
    const w = word.toLowerCase();
    if (tag === w || (tag.startsWith(`${w}-`) && !/[0-9]/.test(tag.slice(w.length + 1)))) return ref.tag;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'image-tag-pinned',
    description: 'Images a service runs (without building them) carry a version tag, not `latest` or another floating tag.',
    category: 'supply-chain',
    severity: 'error',
    scopes: ['model'],
    docs: {
      why: 'An image without a tag is `latest`, and `latest`, `stable` or `lts` point at whatever was pushed last: two machines of one deploy can run different code, a restart can upgrade a database, and a rollback cannot name what ran before. A version tag makes deploys repeatable; a digest makes them immutable.',
      fix: 'Give every `image:` a version tag (`redis:7.4.1`, `nginx:1.27-alpine`). In production, pin the digest as well (`nginx:1.27-alpine@sha256:…`; `docker buildx imagetools inspect nginx:1.27-alpine` prints it) and let a bot such as Renovate bump it. Services with `build` are exempt: their `image` is where CI pushes the build, tagged per commit.',
      bad: 'services:\n  proxy:\n    image: nginx\n  search:\n    image: getmeili/meilisearch:latest',
      good: 'services:\n  proxy:\n    image: nginx:1.27-alpine\n  search:\n    image: getmeili/meilisearch:v1.11.3',
      whenOff: 'Hardly ever. To allow a tag your registry treats as immutable, remove it from `prohibitedTags` instead.',
    },
    peers: ['dclint service-image-require-explicit-tag', 'kube-linter latest-tag', 'Polaris tagNotSpecified', 'kube-score container-image-tag', 'Checkov CKV_K8S_14', 'Checkov CKV_K8S_43', 'hadolint DL3006', 'hadolint DL3007'],
    securitySeverity: 5,
    options: {
      prohibitedTags: { type: 'string[]', default: FLOATING_TAGS, description: 'Tags that name a moving target (also matched with variant suffixes such as `lts-alpine`).' },
      requireDigest: { type: 'boolean', default: false, description: 'Make a tag without a digest in a production environment an error rather than a note.' },
    },
  },
  check(ctx) {
    for (const { environment, services } of ctx.environments()) {
      for (const service of services) {
        if (!service.image || service.build) continue; // a built image is pushed and tagged by CI
        const ref = parseImageRef(service.image);
        const at = { path: service.origins.image ?? [...service.path, 'image'] };
        const floating = floatingTag(ref, ctx.options.prohibitedTags);
        if (floating !== undefined) {
          ctx.report({
            message: ref.tag === undefined
              ? `\`${service.name}\` runs \`${service.image}\` without a tag, so it gets whatever \`latest\` is when the image is pulled`
              : `\`${service.name}\` runs \`${service.image}\`: \`${floating}\` is a floating tag, so what runs changes whenever the image is pulled`,
            at,
            hint: `pin a version, e.g. \`${ref.name}:<version>\` (the tags are on the image's registry page), or a digest: \`${ref.name}@sha256:<digest>\``,
          });
        } else if (!ref.digest && isProduction(environment.name)) {
          ctx.report({
            message: `\`${service.name}\` runs \`${service.image}\` in \`${environment.name}\` by tag only; a tag can be moved to another image`,
            at,
            hint: `pin the digest too: \`${service.image}@sha256:<digest>\` (\`docker buildx imagetools inspect ${service.image}\` prints it)`,
            ...(ctx.options.requireDigest ? {} : { severity: 'info' as const }),
          });
        }
      }
    }
  },
});
