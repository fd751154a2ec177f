// Compose interpolates `${VAR}` each time it starts; stack.yaml keeps the value the variable had
// at import time. `environment` and build `args` report their own; this reports every other value
// that is carried over (what is left out is reported as such, so it is not repeated here).
import { HANDLED } from './map-service.js';
import type { Notes } from './notes.js';
import type { CMap, CNode, CScalar } from './tree.js';

/** Keys reported elsewhere, or not carried over as values. */
const SKIP = new Set(['environment', 'env_file', 'container_name', 'hostname', 'links', 'networks']);

const WHAT: Record<string, string> = {
  image: 'the image',
  build: 'the build',
  ports: 'a port',
  expose: 'an exposed port',
  volumes: 'a mount',
  healthcheck: 'the healthcheck',
  command: 'the command',
  entrypoint: 'the entrypoint',
  user: 'the user',
  labels: 'a label',
  restart: 'the restart policy',
  deploy: 'a deploy setting',
};

/**
 * @param keys the service keys to look at: every carried-over key of a service; `image` alone for
 *   a backing resource (its version comes from it, the rest stackc sets itself)
 */
export function frozenValueNotes(composeName: string, service: CMap, notes: Notes, keys?: readonly string[]): void {
  for (const e of service.entries) {
    if (keys ? !keys.includes(e.key) : !HANDLED.has(e.key) || SKIP.has(e.key)) continue;
    for (const s of interpolated(e.value, e.key === 'build' ? 'args' : undefined)) {
      notes.changed(s.at, `${WHAT[e.key] ?? `\`${e.key}\``} of \`${composeName}\` keeps the value ${s.vars.map((x) => `\${${x}}`).join(', ')} had at import time: stack.yaml values are not read from .env`, { hint: 'to change it per environment, add an override under `environments`' });
    }
  }
}

function interpolated(node: CNode, skipKey?: string): CScalar[] {
  if (node.kind === 'scalar') return node.vars.length > 0 ? [node] : [];
  if (node.kind === 'seq') return node.items.flatMap((i) => interpolated(i));
  if (node.kind === 'map') return node.entries.filter((e) => e.key !== skipKey).flatMap((e) => interpolated(e.value));
  return [];
}
