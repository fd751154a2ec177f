import { defineRule } from '../rule.js';
import { FLOATING_TAGS, floatingTag } from '../../vocabulary/floating-tags.js';

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
  service(ctx, { service, environment }) {
    if (!service.image || service.build) return; // a built image is pushed and tagged by CI
    const ref = service.imageRef!; // the model parses every `image:`
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
    } else if (!ref.digest && environment.role === 'production') {
      ctx.report({
        message: `\`${service.name}\` runs \`${service.image}\` in \`${environment.name}\` by tag only; a tag can be moved to another image`,
        at,
        hint: `pin the digest too: \`${service.image}@sha256:<digest>\` (\`docker buildx imagetools inspect ${service.image}\` prints it)`,
        ...(ctx.options.requireDigest ? {} : { severity: 'info' as const }),
      });
    }
  },
});
