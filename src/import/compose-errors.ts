// What Compose itself refuses, found before mapping: `docker compose config` stops on a port outside
// 1-65535, a service that depends on itself and a depends_on cycle. Importing such a file cannot
// keep its meaning, so each is an error at its line in the compose file (exit 2), not a guess. So is
// a single value where Compose wants a list (`ports: 8080`), which the parsers would otherwise skip,
// and a required dependency on a service that its profiles leave out where the dependent runs.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseDependsOn, parsePorts } from './compose-model.js';
import { entry, get, str, type CNode } from './tree.js';

const MAX_PORT = 65535;

interface Entry {
  key: string;
  value: CNode;
}

export function composeErrors(services: readonly Entry[]): Diagnostic[] {
  return [...services.flatMap(listErrors), ...services.flatMap(portErrors), ...hostPortClashes(services), ...dependencyErrors(services), ...profileDependencyErrors(services)];
}

/**
 * Two services that run together publishing one host port: Docker refuses to start the second
 * (the port is taken). Services whose profiles never run together (a `prod` and a `dev` variant)
 * may share one. stack.yaml publishes on every address, so host addresses do not keep them apart.
 */
function hostPortClashes(services: readonly Entry[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const owners = new Map<string, { service: string; profiles: string[] }[]>();
  const together = (a: string[], b: string[]) => !a.length || !b.length || a.some((p) => b.includes(p));
  for (const { key, value } of services) {
    const profiles = profilesOf(value);
    for (const port of parsePorts(value).ports) {
      if (port.host === undefined) continue;
      for (let p = port.host; p <= (port.hostEnd ?? port.host) && p <= MAX_PORT; p++) {
        const slot = `${p}/${port.protocol}`;
        const earlier = (owners.get(slot) ?? []).find((o) => o.service !== key && together(o.profiles, profiles));
        if (earlier) {
          out.push(error(`\`${key}\` publishes host port ${p} that \`${earlier.service}\` publishes too; Docker starts only the first`, 'give one of them another host port, or put them in profiles that never run together', port.at));
          break;
        }
        owners.set(slot, [...(owners.get(slot) ?? []), { service: key, profiles }]);
      }
    }
  }
  return out;
}

/** Keys whose value Compose accepts only as a list. */
const LIST_KEYS = ['ports', 'expose', 'volumes'];

function listErrors({ key, value }: Entry): Diagnostic[] {
  return LIST_KEYS.flatMap((k) => {
    const e = entry(value, k);
    if (!e || e.value.kind === 'seq' || e.value.kind === 'reset' || (e.value.kind === 'scalar' && e.value.value === null)) return [];
    return [error(`\`${k}\` of \`${key}\` is not a list; Compose refuses it too`, `write it as a list: \`${k}: ["${e.value.kind === 'scalar' ? String(e.value.value) : '...'}"]\``, e.keyAt)];
  });
}

const error = (message: string, hint: string, at: Diagnostic['at']): Diagnostic => ({ severity: 'error', code: 'compose-invalid', message, hint, ...(at ? { at } : {}) });

function portErrors({ key, value }: Entry): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const port of parsePorts(value).ports) {
    const bad = [port.container, port.containerEnd ?? port.container].some((p) => p < 1 || p > MAX_PORT)
      ? 'container'
      : port.host !== undefined && [port.host, port.hostEnd ?? port.host].some((p) => p > MAX_PORT)
        ? 'host'
        : undefined;
    if (bad) out.push(error(`a ${bad} port of \`${key}\` is outside 1-${MAX_PORT}; Compose refuses it too`, 'ports are numbers from 1 to 65535 (`"8080:80"` publishes container port 80 on host port 8080)', port.at));
  }
  return out;
}

/** A service depending on itself, and one error per depends_on cycle, at the entry that closes it. */
function dependencyErrors(services: readonly Entry[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const edges = new Map(services.map((s) => [s.key, parseDependsOn(s.value)]));
  for (const [name, deps] of edges) {
    for (const d of deps) if (d.name === name) out.push(error(`\`${name}\` depends on itself; Compose refuses it too`, `remove \`${name}\` from its own \`depends_on\``, d.at));
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    state.set(name, 'visiting');
    for (const d of edges.get(name) ?? []) {
      if (d.name === name || !edges.has(d.name)) continue;
      if (state.get(d.name) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(d.name)), name, d.name];
        out.push(error(`depends_on makes a cycle: ${cycle.map((n) => `\`${n}\``).join(' → ')}; Compose refuses it too`, 'one of these services must not wait for the other: remove one `depends_on` entry of the cycle', d.at));
      } else if (!state.has(d.name)) visit(d.name, [...path, name]);
    }
    state.set(name, 'done');
  };
  for (const name of edges.keys()) if (!state.has(name)) visit(name, []);
  return out;
}

const profilesOf = (node: CNode): string[] => {
  const p = get(node, 'profiles');
  return p?.kind === 'seq' ? p.items.map(str).filter((x): x is string => x !== undefined) : [];
};

/** `docker compose [--profile P] up` refuses a service whose required dependency P leaves out. */
function profileDependencyErrors(services: readonly Entry[]): Diagnostic[] {
  const profiles = new Map(services.map((s) => [s.key, profilesOf(s.value)]));
  const out: Diagnostic[] = [];
  for (const { key, value } of services) {
    const runs = profiles.get(key)!;
    for (const d of parseDependsOn(value)) {
      const needs = profiles.get(d.name);
      if (!d.required || !needs || needs.length === 0) continue;
      const missing = runs.length === 0 ? 'the default' : runs.filter((p) => !needs.includes(p)).map((p) => `\`${p}\``).join(', ');
      if (runs.length > 0 && missing === '') continue;
      out.push(error(`\`${key}\` depends on \`${d.name}\`, which runs only with the profile${needs.length > 1 ? 's' : ''} ${needs.map((p) => `\`${p}\``).join(', ')}: Compose refuses to start \`${key}\` with ${runs.length === 0 ? 'no profile' : `the profile ${missing}`}`, `give \`${d.name}\` the profiles of \`${key}\` too, or mark the dependency \`required: false\``, d.at));
    }
  }
  return out;
}
