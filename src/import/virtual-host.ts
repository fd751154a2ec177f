// The hosts of an nginx-proxy setup: `VIRTUAL_HOST=a.example,b.example` on a service tells
// nginx-proxy to route those hosts to it (https://github.com/nginx-proxy/nginx-proxy#usage), which
// stack.yaml says as `public.hosts` (the first canonical); `VIRTUAL_PORT` is the port it sends to.
// The variables stay in `env` too: the proxy, not the app, reads them, so keeping them is harmless.
import { hostNameProblem } from '../model/host-name.js';
import type { EnvEntry } from './environment.js';
import type { Notes } from './notes.js';

export interface ImportedPublic {
  host?: string;
  hosts?: string[];
  port?: number;
}

/**
 * `public` from `VIRTUAL_HOST` (and `VIRTUAL_PORT`) of a service with container ports; a host that
 * is not a DNS name (nginx-proxy's regular expressions, `~^…`) is left out with a note.
 */
export function publicFromVirtualHost(composeName: string, env: readonly EnvEntry[], ports: readonly number[], notes: Notes): ImportedPublic | undefined {
  const entry = env.find((v) => v.name === 'VIRTUAL_HOST' && typeof v.value === 'string');
  if (!entry || ports.length === 0) return undefined;
  const written = entry.value!.split(',').map((h) => h.trim()).filter((h) => h !== '');
  const hosts = written.filter((h) => {
    const problem = hostNameProblem(h);
    if (problem) notes.dropped(entry.at, `host \`${h}\` of \`${composeName}\`'s VIRTUAL_HOST`, `it is not a host name stack.yaml can serve: ${problem.problem}`);
    return !problem;
  });
  if (hosts.length === 0) return undefined;
  const portText = env.find((v) => v.name === 'VIRTUAL_PORT')?.value;
  const port = portText && /^[0-9]+$/.test(portText) && ports.includes(Number(portText)) ? Number(portText) : undefined;
  notes.changed(entry.at, `\`${composeName}\` is public at ${hosts.map((h) => `\`${h}\``).join(', ')} (nginx-proxy's VIRTUAL_HOST): stackc's targets route ${hosts.length > 1 ? 'them' : 'it'} themselves; Compose still needs the proxy in front`);
  return { ...(hosts.length === 1 ? { host: hosts[0]! } : { hosts: [...new Set(hosts)] }), ...(port !== undefined && port !== ports[0] ? { port } : {}) };
}
