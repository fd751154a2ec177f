// Compose's value syntaxes, parsed into one shape whichever syntax the file uses: ports (short and
// long), volumes (short and long), healthchecks, durations, depends_on. Shared by the importer and
// by the round-trip test, which reads the original and the generated compose file the same way.
import type { SourceRef } from '../diagnostics/diagnostic.js';
import { splitVolume } from './merge.js';
import { get, str, type CNode, type CScalar } from './tree.js';

export interface PortSpec {
  container: number;
  containerEnd: number;
  /** Undefined when Compose picks a free host port (`"3000"`), or the port is only exposed. */
  host?: number;
  hostEnd?: number;
  hostIp?: string;
  protocol: 'tcp' | 'udp';
  /** `expose`: reachable from other services only. */
  exposeOnly: boolean;
  /** Long-syntax extras stackc has no place for (`mode: host`, `app_protocol`). */
  extras: string[];
  name?: string;
  at: SourceRef;
}

export interface Problem {
  at: SourceRef;
  message: string;
}

const range = (s: string): [number, number] | undefined => {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : undefined;
};

/** `ports` and `expose` of a service. */
export function parsePorts(service: CNode | undefined): { ports: PortSpec[]; problems: Problem[] } {
  const ports: PortSpec[] = [];
  const problems: Problem[] = [];
  const list = get(service, 'ports');
  for (const item of list?.kind === 'seq' ? list.items : []) {
    if (item.kind === 'scalar' && item.value !== null) {
      const parsed = parseShortPort(String(item.value));
      if (!parsed) problems.push({ at: item.at, message: `port \`${item.raw}\`` });
      else ports.push({ ...parsed, exposeOnly: false, extras: [], at: item.at });
    } else if (item.kind === 'map') {
      const target = range(str(get(item, 'target')) ?? '');
      const published = str(get(item, 'published'));
      // `published: 0` asks Docker for any free host port, as leaving it out does.
      const host = published !== undefined && published !== '' && published !== '0' ? range(published) : undefined;
      const protocol = (str(get(item, 'protocol')) ?? 'tcp').toLowerCase();
      if (!target || (published && published !== '0' && !host) || (protocol !== 'tcp' && protocol !== 'udp')) {
        problems.push({ at: item.at, message: 'port (long syntax)' });
        continue;
      }
      const extras: string[] = [];
      const mode = str(get(item, 'mode'));
      if (mode && mode !== 'ingress') extras.push(`mode: ${mode}`);
      const app = str(get(item, 'app_protocol'));
      if (app) extras.push(`app_protocol: ${app}`);
      const hostIp = str(get(item, 'host_ip'));
      const name = str(get(item, 'name'));
      ports.push({
        container: target[0],
        containerEnd: target[1],
        ...(host ? { host: host[0], hostEnd: host[1] } : {}),
        ...(hostIp ? { hostIp } : {}),
        ...(name ? { name } : {}),
        protocol: protocol as 'tcp' | 'udp',
        exposeOnly: false,
        extras,
        at: item.at,
      });
    }
  }
  const expose = get(service, 'expose');
  for (const item of expose?.kind === 'seq' ? expose.items : []) {
    if (item.kind !== 'scalar' || item.value === null) continue;
    const [spec, proto = 'tcp'] = String(item.value).split('/');
    const r = range(spec!);
    if (!r || (proto !== 'tcp' && proto !== 'udp')) problems.push({ at: item.at, message: `exposed port \`${item.raw}\`` });
    else ports.push({ container: r[0], containerEnd: r[1], protocol: proto, exposeOnly: true, extras: [], at: item.at });
  }
  return { ports, problems };
}

/** `[IP:][HOST[-HOST]:]CONTAINER[-CONTAINER][/PROTO]`, with IPv6 addresses in brackets. */
export function parseShortPort(text: string): Omit<PortSpec, 'exposeOnly' | 'extras' | 'at'> | undefined {
  const [spec, protocol = 'tcp'] = text.split('/') as [string, string?];
  if (protocol !== 'tcp' && protocol !== 'udp') return undefined;
  let hostIp: string | undefined;
  let rest = spec;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(rest);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2]!;
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) hostIp = parts.shift();
  if (parts.length > 2) return undefined;
  const container = range(parts.at(-1)!);
  if (!container) return undefined;
  const hostText = parts.length === 2 ? parts[0]! : undefined;
  const host = hostText && hostText !== '0' ? range(hostText) : undefined;
  if (hostText && hostText !== '0' && !host) return undefined;
  return {
    container: container[0],
    containerEnd: container[1],
    ...(host ? { host: host[0], hostEnd: host[1] } : {}),
    ...(hostIp ? { hostIp } : {}),
    protocol,
  };
}

export interface MountSpec {
  type: 'volume' | 'bind' | 'tmpfs' | 'anonymous' | 'other';
  /** Volume name or host path as written (after interpolation). */
  source?: string;
  target: string;
  readOnly: boolean;
  /** Short-syntax options or long-syntax settings stackc does not keep (`z`, `cached`, `nocopy`, `bind.propagation`). */
  extras: string[];
  at: SourceRef;
}

const isPathLike = (s: string) => /^(\.|\/|~|[A-Za-z]:[\\/]|\\\\)/.test(s);

export function parseVolumes(service: CNode | undefined): { mounts: MountSpec[]; problems: Problem[] } {
  const mounts: MountSpec[] = [];
  const problems: Problem[] = [];
  const list = get(service, 'volumes');
  for (const item of list?.kind === 'seq' ? list.items : []) {
    if (item.kind === 'scalar' && typeof item.value === 'string') {
      const parts = splitVolume(item.value);
      if (parts.length === 1) {
        mounts.push({ type: 'anonymous', target: parts[0]!, readOnly: false, extras: [], at: item.at });
        continue;
      }
      const [source, target, mode = ''] = parts as [string, string, string?];
      const flags = mode.split(',').filter(Boolean);
      const readOnly = flags.includes('ro');
      const extras = flags.filter((f) => f !== 'ro' && f !== 'rw');
      mounts.push({ type: isPathLike(source) ? 'bind' : 'volume', source, target, readOnly, extras, at: item.at });
    } else if (item.kind === 'map') {
      const type = str(get(item, 'type')) ?? 'volume';
      const target = str(get(item, 'target'));
      if (!target) {
        problems.push({ at: item.at, message: 'volume without a `target`' });
        continue;
      }
      const source = str(get(item, 'source'));
      const readOnly = get(item, 'read_only')?.kind === 'scalar' && (get(item, 'read_only') as CScalar).value === true;
      const extras: string[] = [];
      for (const key of ['bind', 'volume', 'tmpfs', 'consistency', 'image']) if (get(item, key)) extras.push(key);
      const kind: MountSpec['type'] = type === 'bind' ? 'bind' : type === 'tmpfs' ? 'tmpfs' : type === 'volume' ? (source ? 'volume' : 'anonymous') : 'other';
      mounts.push({ type: kind, ...(source ? { source } : {}), target, readOnly, extras, at: item.at });
    } else problems.push({ at: item.at, message: 'volume entry' });
  }
  return { mounts, problems };
}

/** Compose durations: `1m30s`, `10s`, `1h`, `500ms`, `20us`; a bare number is seconds... of nanoseconds in Go: refuse it. */
export function composeDurationMs(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(h|m|s|ms|us|\u00b5s|ns))+$/.test(text)) return undefined;
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|\u00b5s|ns)/g)) {
    ms += Number(n) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 }[unit as 'h']!;
  }
  return ms;
}

export interface HealthSpec {
  /** `['CMD', ...]`, `['CMD-SHELL', cmd]` or `['NONE']`; undefined when only timings are set. */
  test?: string[];
  disable: boolean;
  intervalMs?: number;
  timeoutMs?: number;
  retries?: number;
  startPeriodMs?: number;
  startIntervalMs?: number;
  problems: Problem[];
  at: SourceRef;
}

export function parseHealthcheck(node: CNode): HealthSpec {
  const spec: HealthSpec = { disable: false, problems: [], at: node.at };
  const test = get(node, 'test');
  if (test?.kind === 'scalar' && test.value !== null) spec.test = ['CMD-SHELL', String(test.value)];
  else if (test?.kind === 'seq') spec.test = test.items.map((i) => (i.kind === 'scalar' ? String(i.value ?? '') : ''));
  if (spec.test?.[0] === 'NONE') spec.disable = true;
  const disable = get(node, 'disable');
  if (disable?.kind === 'scalar' && disable.value === true) spec.disable = true;
  for (const [key, field] of [['interval', 'intervalMs'], ['timeout', 'timeoutMs'], ['start_period', 'startPeriodMs'], ['start_interval', 'startIntervalMs']] as const) {
    const v = get(node, key);
    if (!v || v.kind !== 'scalar' || v.value === null) continue;
    const ms = composeDurationMs(String(v.value));
    if (ms === undefined) spec.problems.push({ at: v.at, message: `healthcheck ${key} \`${v.raw}\`` });
    else spec[field] = ms;
  }
  const retries = get(node, 'retries');
  if (retries?.kind === 'scalar' && retries.value !== null) spec.retries = Number(retries.value);
  return spec;
}

export interface Dependency {
  name: string;
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  restart: boolean;
  required: boolean;
  at: SourceRef;
}

/** `depends_on` after canonicalization (a map; list entries have a null value). */
export function parseDependsOn(service: CNode | undefined): Dependency[] {
  const node = get(service, 'depends_on');
  if (node?.kind !== 'map') return [];
  return node.entries.map((e) => {
    const condition = (str(get(e.value, 'condition')) ?? 'service_started') as Dependency['condition'];
    const restart = str(get(e.value, 'restart')) === 'true';
    const required = str(get(e.value, 'required')) !== 'false';
    return { name: e.key, condition, restart, required, at: e.keyAt };
  });
}
