// Compose services running a well-known backing image that is no database stackc has a type for
// (Elasticsearch, OpenSearch, Mailpit, MailHog) become `type: container` resources — conservatively:
// only when another service reaches them by host name (so they are a dependency, not the product),
// and only when nothing they set would be lost (a command, a healthcheck, another port, a mount
// elsewhere than the image's data directory, a variable whose value comes from the shell).
import type { EnvEntry } from './environment.js';
import { parsePorts, parseVolumes } from './compose-model.js';
import type { CMap } from './tree.js';

/** What stackc knows of each image: the port services connect to, where it keeps data, whether it serves HTTP (a `url` output). */
export interface KnownContainer {
  port: number;
  dataPath?: string;
  http: boolean;
}

/** By repository, without tag or digest (`docker.io/` and `library/` left out). */
export const KNOWN_CONTAINERS: Readonly<Record<string, KnownContainer>> = {
  elasticsearch: { port: 9200, dataPath: '/usr/share/elasticsearch/data', http: true },
  'docker.elastic.co/elasticsearch/elasticsearch': { port: 9200, dataPath: '/usr/share/elasticsearch/data', http: true },
  'opensearchproject/opensearch': { port: 9200, dataPath: '/usr/share/opensearch/data', http: true },
  // SMTP on 1025; their web UI (8025) is a second port a container resource does not have.
  'axllent/mailpit': { port: 1025, http: false },
  'mailhog/mailhog': { port: 1025, http: false },
};

/** The known image a reference names, if any. */
export function knownContainer(image: string): KnownContainer | undefined {
  const repository = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '').replace(/^(docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '').toLowerCase();
  return KNOWN_CONTAINERS[repository];
}

/** Keys a container resource carries (environment, its port, its data volume) or drops with a note (restart, names, networks). */
const CARRIED_KEYS = new Set(['image', 'environment', 'env_file', 'ports', 'expose', 'volumes', 'restart', 'container_name', 'networks']);

/** What a container resource would lose; empty when the service can become one. */
export function containerBlockers(service: CMap, known: KnownContainer, env: readonly EnvEntry[]): string[] {
  const blockers: string[] = [];
  for (const e of service.entries) if (!e.key.startsWith('x-') && !CARRIED_KEYS.has(e.key)) blockers.push(`\`${e.key}\``);
  for (const v of env) if (v.value === null || v.unsetVariable !== undefined || v.interpolationError !== undefined) blockers.push(`the variable \`${v.name}\` (its value comes from the shell)`);
  const { ports, problems } = parsePorts(service);
  if (problems.length > 0) blockers.push('its ports');
  for (const p of ports) if (p.container !== known.port || p.containerEnd !== p.container || p.protocol !== 'tcp' || p.extras.length > 0 || (p.hostEnd !== undefined && p.hostEnd !== p.host)) blockers.push(`port ${p.container}${p.protocol === 'udp' ? '/udp' : ''}`);
  if (ports.filter((p) => !p.exposeOnly && p.host !== undefined).length > 1) blockers.push('a second host port');
  const { mounts } = parseVolumes(service);
  for (const m of mounts) if (m.type !== 'volume' || known.dataPath === undefined || m.target.replace(/\/+$/, '') !== known.dataPath || m.readOnly || m.extras.length > 0) blockers.push(`the mount at \`${m.target}\``);
  return [...new Set(blockers)];
}

/** Whether a value reaches one of the hosts: the host itself, `host:port`, or a URL to it. */
export function reachesHost(value: string, hosts: readonly string[]): boolean {
  if (hosts.includes(value)) return true;
  const hp = /^([^:/\s]+):\d+$/.exec(value);
  if (hp && hosts.includes(hp[1]!)) return true;
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?([^:/?#\s]+)/i.exec(value);
  return url !== null && hosts.includes(url[1]!);
}
