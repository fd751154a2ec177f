// Small parsers for the value syntaxes of stack.yaml (ports, durations, volumes, users, paths).
// Shared by the checks (which report problems) and normalize (which trusts they passed).
import { posix } from 'node:path';

/** `30s`, `1m30s`, `250ms` → milliseconds. */
export function parseDuration(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g)) {
    ms += Number(n) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
  }
  return Math.round(ms);
}

export interface PortRange {
  container: number;
  containerEnd: number;
  host?: number;
  hostEnd?: number;
  /** The host address of `"127.0.0.1:5432:5432"` / `"[::1]:5432:5432"`, without brackets. */
  bind?: string;
  protocol: 'tcp' | 'udp';
}

/** `127.0.0.1:` or `[::1]:` before `HOST:CONTAINER`. */
const BIND_PREFIX = /^(?:\[([0-9A-Fa-f.:]+)\]|([0-9.]+)):(?=[0-9-]+:)/;

/**
 * `8000`, `"8080:80"`, `"9000-9005"`, `"53:53/udp"`, `"127.0.0.1:5432:5432"`: published on the host
 * unless `publish: false`.
 */
export function parsePortString(text: string): PortRange {
  const address = BIND_PREFIX.exec(text);
  const bind = address ? (address[1] ?? address[2]) : undefined;
  const [spec, protocol = 'tcp'] = text.slice(address ? address[0].length : 0).split('/') as [string, ('tcp' | 'udp')?];
  const sides = spec.split(':');
  const range = (s: string): [number, number] => {
    const [a, b = a] = s.split('-');
    return [Number(a), Number(b)];
  };
  const [container, containerEnd] = range(sides.at(-1)!);
  const [host, hostEnd] = sides.length === 2 ? range(sides[0]!) : [container, containerEnd];
  return { container, containerEnd, host, hostEnd, ...(bind !== undefined ? { bind } : {}), protocol };
}

/** Why a port range is impossible, or `undefined` when it is fine. */
export function portRangeProblem(p: PortRange): string | undefined {
  const all = [p.container, p.containerEnd, p.host, p.hostEnd].filter((n): n is number => n !== undefined);
  if (all.some((n) => n < 1 || n > 65535)) return 'ports are numbers from 1 to 65535';
  if (p.containerEnd < p.container || (p.host !== undefined && p.hostEnd! < p.host)) return 'a range goes from the lower port to the higher one';
  if (p.host !== undefined && p.hostEnd! - p.host !== p.containerEnd - p.container) return 'the host and container ranges must be the same length';
  return undefined;
}

export type ParsedVolume =
  | { kind: 'named'; name: string; path: string; readonly: boolean }
  | { kind: 'bind'; source: string; path: string; readonly: boolean };

/** `"uploads:/app/uploads"`, `"./src:/app:ro"`. */
export function parseVolumeString(text: string): ParsedVolume {
  const [source, path, mode] = text.split(':') as [string, string, string?];
  const readonly = mode === 'ro';
  return source.startsWith('.') ? { kind: 'bind', source, path, readonly } : { kind: 'named', name: source, path, readonly };
}

/**
 * A stack-relative path in canonical form (`./backend/` → `backend`, `.` for the root), or
 * `undefined` when it leaves the project (`../x`, `/etc`, `C:\x`).
 */
export function projectPath(text: string): string | undefined {
  if (text.startsWith('/') || text.startsWith('\\') || /^[A-Za-z]:/.test(text)) return undefined;
  const normalized = posix.normalize(text.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../')) return undefined;
  return normalized === '' ? '.' : normalized;
}

/** Joins stack-relative paths and reports escapes the same way as `projectPath`. */
export const joinProjectPath = (base: string, rel: string): string | undefined =>
  projectPath(posix.join(base, rel.replace(/\\/g, '/')));

/** `0.5` → `500m`, `2` → `2`, `"250m"` unchanged: the Kubernetes canonical spelling. */
export function normalizeCpu(cpu: string | number): string {
  if (typeof cpu === 'string') return cpu;
  return Number.isInteger(cpu) ? String(cpu) : `${Math.round(cpu * 1000)}m`;
}

/** Environment-variable text of a YAML scalar: `true`, `8000`, ... */
export const scalarText = (value: string | number | boolean): string => String(value);
