import type { DataCheck } from './context.js';
import { entries } from './context.js';

/** A service runs a container (`build` and/or `image`) or is a static site (`static`), never neither or both. */
export const checkServiceKind: DataCheck = (ctx) => {
  for (const [name, s] of entries(ctx.data.services)) {
    const path = ['services', name];
    if (s.static && (s.build || s.image)) {
      ctx.report({ path: [...path, 'static'], atKey: true, code: 'conflicting-keys', message: `service \`${name}\` has \`static\` and \`${s.build ? 'build' : 'image'}\``, hint: 'a static site is built and served by the platform; remove `static` to run a container, or `build`/`image` to deploy a static site' });
    } else if (s.static && s.static.root === undefined) {
      ctx.report({ path: [...path, 'static'], atKey: true, code: 'missing-key', message: `the static site \`${name}\` needs a \`root\``, hint: 'the directory of the front end, e.g. `static: { root: ./frontend }`' });
    } else if (!s.static && !s.build && !s.image) {
      ctx.report({ path, atKey: true, code: 'missing-key', message: `service \`${name}\` needs \`build\`, \`image\` or \`static\``, hint: 'for example: `build: ./backend` to build from a Dockerfile, or `image: nginx:1.27-alpine`' });
    }
  }
};
