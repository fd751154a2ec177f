// Service volumes in Compose's short syntax: `name:/path[:ro]` for named volumes (declared at the
// top level) and `./dir:/path[:ro]` for bind mounts, relative to the compose file.
import type { Service } from '../../src/model/stack.js';
import { DEFAULT_STORAGE } from '../../src/load/normalize.js';
import { relativePath } from './paths.js';
import type { Scope } from './scope.js';
import { literal } from './text.js';

export function volumesOf(service: Service, scope: Scope): string[] {
  return service.volumes.map((v) => {
    const mode = v.readonly ? ':ro' : '';
    if (v.kind === 'bind') return `${literal(relativePath(v.source, scope.stackFile))}:${literal(v.path)}${mode}`;
    scope.volumes.add(v.name);
    if (v.size !== DEFAULT_STORAGE) {
      scope.report({
        severity: 'info',
        code: 'compose/volume-size',
        message: `Compose volumes have no size: \`${v.name}\` (${v.size}) takes what the Docker host's disk allows`,
        path: v.at,
        hint: 'the size applies on platforms that provision volumes (Kubernetes, Fly)',
      });
    }
    return `${v.name}:${literal(v.path)}${mode}`;
  });
}
