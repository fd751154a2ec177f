// `files:`: what every target needs of them before anything renders. A static site has no container
// to mount a file into; two files at one path of one container would hide each other.
import type { MountedFile } from '../../model/stack.js';
import { entries, type DataCheck, type ModelCheck } from './context.js';

/** `files` on a static site (in its base or an override): there is no container to mount them into. */
export const checkFilesOnStaticSites: DataCheck = (ctx) => {
  for (const [name, s] of entries(ctx.data.services)) {
    const blocks = [{ path: ['services', name], block: s }, ...entries(s.environments).map(([env, o]) => ({ path: ['services', name, 'environments', env], block: o }))];
    const isStatic = Boolean(s.static) || blocks.some((b) => b.block?.static);
    if (!isStatic) continue;
    for (const { path, block } of blocks) {
      if (!block?.files?.length) continue;
      ctx.report({
        path: [...path, 'files'],
        atKey: true,
        code: 'conflicting-keys',
        message: `the static site \`${name}\` has \`files\`: a static site runs no container to mount them into`,
        hint: 'put the file under the site\'s root (it is served from there), or mount it into a container service',
      });
    }
  }
};

/** In each environment, one file per path of a service's container. */
export const checkFilePaths: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    for (const service of view.services) {
      const first = new Map<string, MountedFile>();
      for (const file of service.files) {
        const earlier = first.get(file.path);
        if (!earlier) {
          first.set(file.path, file);
          continue;
        }
        ctx.report({
          path: [...file.at, 'path'],
          code: 'duplicate-file-path',
          message: `two files of \`${service.name}\` are mounted at \`${file.path}\``,
          hint: 'give each file its own path (one would hide the other)',
          related: [{ message: 'the first is here', path: [...earlier.at, 'path'] }],
        });
      }
    }
  }
};
