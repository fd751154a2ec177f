import { defineRule } from '../rule.js';
import { runStage, type Dockerfile, type Stage } from '../../dockerfile/dockerfile.js';
import { floatingTag, IMPLICIT_TAG } from '../../vocabulary/floating-tags.js';
import { parseImageReference } from '../../vocabulary/image-reference.js';
import { expandArgs } from './support/build-args.js';
import { writtenAt } from './support/written-at.js';

export default defineRule({
  meta: {
    id: 'base-image-pinned',
    description: 'The FROM lines of the Dockerfiles services build from name a tagged base image, not an untagged or `latest` one.',
    category: 'supply-chain',
    severity: 'warn',
    scopes: ['model', 'dockerfile'],
    docs: {
      why: 'A base image without a tag is `latest`: the same commit builds on a different OS, runtime or library the next time the cache is cold, and a build that worked yesterday breaks (or quietly changes behaviour) today.',
      fix: 'Tag every external base image with a version (`FROM node:22.11-bookworm-slim`), or pin its digest (`FROM node:22.11-bookworm-slim@sha256:…`) and let a bot such as Renovate bump it. `FROM scratch` and `FROM <earlier stage>` are fine as they are. A base image chosen with `ARG` is checked with the value stack.yaml passes in `build.args` (and reported there), else the ARG\'s default.',
      bad: 'FROM node AS build\nRUN npm ci && npm run build\n\nFROM nginx:latest\nCOPY --from=build /app/dist /usr/share/nginx/html',
      good: 'FROM node:22.11-bookworm-slim AS build\nRUN npm ci && npm run build\n\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html',
      whenOff: 'When hadolint (DL3006, DL3007) already checks your Dockerfiles in CI.',
    },
    peers: ['hadolint DL3006', 'hadolint DL3007', 'Checkov CKV_DOCKER_7'],
    securitySeverity: 4,
    options: {
      // Only `latest` by default, as hadolint DL3007: a floating base such as `node:lts-slim` is a
      // common, deliberate choice for images CI rebuilds; the rest of FLOATING_TAGS is opt-in.
      prohibitedTags: { type: 'string[]', default: [IMPLICIT_TAG], description: 'Tags that count as unpinned besides no tag at all (add `lts`, `stable`, … to be stricter).' },
    },
  },
  service(ctx, { service }) {
    if (!service.build) return;
    const dockerfile = ctx.dockerfile(service);
    if (!dockerfile) return; // a missing Dockerfile is build-files-exist's finding
    const args = { ...dockerfile.globalArgs, ...service.build.args };
    for (const stage of builtStages(dockerfile, service.build.target)) {
      if (stage.parent !== undefined) continue; // an earlier stage of this file
      const image = expandArgs(stage.image, args);
      if (image === undefined || image === '' || image.toLowerCase() === 'scratch') continue;
      if (dockerfile.stages.some((s) => s.index < stage.index && s.name === image.toLowerCase())) continue;
      const ref = parseImageReference(image);
      const floating = floatingTag(ref, ctx.options.prohibitedTags);
      if (floating === undefined) continue;
      const problem = ref.tag === undefined ? 'has no tag, so each uncached build starts from whatever `latest` is then' : `uses the floating tag \`${floating}\`, so each uncached build can start from a different image`;
      const fromStack = [...stage.image.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!).find((name) => name in service.build!.args);
      if (fromStack) {
        // The value is written in stack.yaml: that is the line to change.
        ctx.report({
          message: `the base image \`${image}\` that \`${fromStack}\` passes to ${dockerfile.file}:${stage.from.line} ${problem}`,
          at: { path: writtenAt(ctx, service, 'build', ['args', fromStack]).path },
          hint: `pin a version: \`${fromStack}: "${ref.name}:<version>"\`, or a digest: \`"${ref.name}@sha256:<digest>"\``,
        });
        continue;
      }
      const shown = image === stage.image ? `\`${image}\`` : `\`${stage.image}\` (\`${image}\`)`;
      ctx.report({
        message: `base image ${shown} ${problem}`,
        at: { file: dockerfile.file, line: stage.from.line, col: stage.from.col, endLine: stage.from.endLine, endCol: stage.from.endCol, pointer: `FROM[${stage.name ?? stage.index}]` },
        hint: `pin a version, e.g. \`FROM ${ref.name}:<version>\`, or a digest: \`FROM ${ref.name}@sha256:<digest>\``,
      });
    }
  },
});

/** The stages up to the one the service builds: later stages are never built for it. */
function builtStages(dockerfile: Dockerfile, target: string | undefined): Stage[] {
  const last = runStage(dockerfile, target);
  return last ? dockerfile.stages.slice(0, last.index + 1) : [];
}
