// Paths stack.yaml names must exist: checked through the context's cached `fileKind`.
import { dockerfilePath } from '../../dockerfile/reader.js';
import { defineRule } from '../rule.js';
import { writtenAt } from './support/written-at.js';

/** Git URLs and remote tarballs are valid build contexts that are not paths. */
const REMOTE_CONTEXT = /^([a-z][a-z0-9+.-]*:\/|git@)/i;

const shown = (path: string) => (path === '.' ? 'the project directory' : `\`${path}\``);

export default defineRule({
  meta: {
    id: 'build-files-exist',
    description: 'The build contexts, Dockerfiles and static-site roots that stack.yaml names exist.',
    category: 'portability',
    severity: 'error',
    scopes: ['model', 'dockerfile'],
    docs: {
      why: 'A path that does not exist fails the build, but only when that service is built: often in CI after the merge, or on the first deploy of an environment whose override names a different Dockerfile. A renamed folder or a typo in `dockerfile:` is found here in a second.',
      fix: 'Correct the path (paths are relative to the directory of stack.yaml; `dockerfile` is relative to the build context), or add the missing file.',
      bad: 'services:\n  api:\n    build: { context: ./backend, dockerfile: Dockerfile.prod }   # backend/ has only Dockerfile\n  web:\n    static: { root: ./frontend }                               # the folder is ./web',
      good: 'services:\n  api:\n    build: { context: ./backend }\n  web:\n    static: { root: ./web }',
    },
    peers: ['actionlint action'],
  },
  service(ctx, { service }) {
    if (service.build && !REMOTE_CONTEXT.test(service.build.context)) {
      const { context, dockerfile } = service.build;
      const contextKind = ctx.fileKind(context);
      if (contextKind !== 'directory') {
        ctx.report({
          message: contextKind === 'missing'
            ? `the build context ${shown(context)} of \`${service.name}\` does not exist`
            : `the build context ${shown(context)} of \`${service.name}\` is not a directory`,
          at: { path: writtenAt(ctx, service, 'build', ['context']).path },
          hint: contextKind === 'missing' ? 'build contexts are directories relative to stack.yaml; check the spelling' : 'point `context` at the directory that holds the Dockerfile and the files it copies',
        });
        return;
      }
      if (ctx.dockerfile(service)) return; // read, so it exists
      const file = dockerfilePath(service.build);
      const fileKind = ctx.fileKind(file);
      if (fileKind === 'file') return; // exists, but too large or binary to parse: not this rule's business
      ctx.report({
        message: fileKind === 'missing'
          ? `\`${service.name}\` builds from \`${file}\`, which does not exist`
          : `\`${service.name}\` builds from \`${file}\`, which is not a file`,
        at: { path: writtenAt(ctx, service, 'build', ['dockerfile']).path },
        hint: dockerfile === 'Dockerfile'
          ? `add \`${file}\`, or name the Dockerfile the context has with \`dockerfile:\``
          : `\`dockerfile\` is relative to the build context \`${context}\`; check the spelling`,
      });
    }
    if (service.static) {
      const root = service.static.root;
      const kind = ctx.fileKind(root);
      if (kind === 'directory') return;
      ctx.report({
        message: kind === 'missing'
          ? `the static site root ${shown(root)} of \`${service.name}\` does not exist`
          : `the static site root ${shown(root)} of \`${service.name}\` is not a directory`,
        at: { path: writtenAt(ctx, service, 'static', ['root']).path },
        hint: 'the root is the front end\'s directory (where its package.json is), relative to stack.yaml',
      });
    }
  },
});
