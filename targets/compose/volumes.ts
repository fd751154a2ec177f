// Service volumes in Compose's short syntax: `name:/path[:ro]` for named volumes (declared at the
// top level) and `./dir:/path[:ro]` for bind mounts, relative to the compose file. A volume's size
// has no place in Compose (the compose/volume-size gap).
import type { Service } from '../../src/model/stack.js';
import { relativePath } from '../../src/emit/paths.js';
import type { Scope } from './scope.js';
import { literal } from './text.js';

export function volumesOf(service: Service, scope: Scope): string[] {
  return service.volumes.map((v) => {
    const mode = v.readonly ? ':ro' : '';
    if (v.kind === 'bind') return `${literal(relativePath(v.source, scope.stackFile))}:${literal(v.path)}${mode}`;
    scope.volumes.add(v.name);
    return `${v.name}:${literal(v.path)}${mode}`;
  });
}
