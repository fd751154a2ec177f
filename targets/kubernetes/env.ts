// A service's environment in Kubernetes terms, from the shared resolver's value parts. Plain values
// go to a ConfigMap (envFrom). A value that is a secret is a `secretKeyRef` to the Secret the user
// creates; a value with a secret inside a larger string (`postgresql://app:<password>@db:5432/app`)
// reads the secret into an earlier variable and expands it with `$(VAR)` — the kubelet resolves it,
// so the value never reaches a file.
import type { DeployedService } from '../../src/deploy/model.js';
import { resolveTemplate, type ValuePart } from '../../src/deploy/references.js';
import type { RenderEnv } from './environment.js';
import { escapeExpansion, varRef } from './expansion.js';

export type EnvVarSpec =
  | { name: string; value: string }
  | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } };

export interface ContainerEnv {
  /** Plain variables, sorted by name (ConfigMap data has no order); empty when there are none. */
  plain: Record<string, string>;
  /** `env:` entries: secret readers first (so `$(VAR)` can use them), then the rest in order. */
  env: EnvVarSpec[];
  /** Secret keys the service reads, in first-use order. */
  secretKeys: string[];
}

/** A value as Kubernetes writes it: literal text, its own `$(VAR)` syntax, or a key of the Secret. */
type Segment = { kind: 'text'; text: string } | { kind: 'expression'; text: string } | { kind: 'secret'; key: string };
type Entry = { name: string; segments: Segment[] };

/**
 * The resolver's parts as segments. A value nothing in the cluster can say is the user's to set:
 * the whole variable is then read from the Secret key of its own name.
 */
function segmentsOf(variable: string, parts: readonly ValuePart[]): Segment[] {
  const segments: Segment[] = [];
  for (const p of parts) {
    if (p.kind === 'unresolved') return [{ kind: 'secret', key: variable }];
    segments.push(p.kind === 'secret' ? { kind: 'secret', key: p.name } : p);
  }
  return segments;
}

const isPlain = (segments: Segment[]): boolean => segments.every((s) => s.kind === 'text');
const soleSecret = (segments: Segment[]): string | undefined => (segments.length === 1 && segments[0]!.kind === 'secret' ? segments[0]!.key : undefined);
const secretKeysOf = (segments: Segment[]): string[] => segments.flatMap((s) => (s.kind === 'secret' ? [s.key] : []));

export function containerEnv(service: DeployedService, env: RenderEnv, secret: string): ContainerEnv {
  const fromSecret = (name: string, key: string): EnvVarSpec => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
  const site = (variable: string, path: DeployedService['path']) => ({ environment: env.environment, reader: service, variable, path });
  const entries: Entry[] = [
    ...service.env.map((v) => ({ name: v.name, segments: segmentsOf(v.name, resolveTemplate(v.value, env.book, site(v.name, v.path), env.report)) })),
    ...service.secrets.map((s) => ({ name: s.name, segments: [{ kind: 'secret', key: s.name } as Segment] })),
  ];

  // ConfigMap data has no order (envFrom sets every key before `env`), so it is sorted: reordering
  // env in stack.yaml changes neither the ConfigMap nor its hash, and does not restart pods.
  const plain: Record<string, string> = {};
  const plainEntries = entries.filter((e) => isPlain(e.segments)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of plainEntries) plain[e.name] = e.segments.map((s) => (s.kind === 'text' ? s.text : '')).join('');

  // Secret keys used inside larger strings each need a variable defined before their users.
  const helperKeys = unique(entries.filter((e) => !isPlain(e.segments) && !soleSecret(e.segments)).flatMap((e) => secretKeysOf(e.segments)));
  const taken = new Set(entries.map((e) => e.name));
  const helpers = new Map<string, string>();
  const reused = new Set<string>();
  for (const key of helperKeys) {
    // A variable of the same name reading the same key (`secrets: [DB_PASSWORD]`) is the helper itself.
    if (entries.some((e) => e.name === key && soleSecret(e.segments) === key)) {
      helpers.set(key, key);
      reused.add(key);
      continue;
    }
    let name = taken.has(key) ? `STACKC_${key}` : key;
    while (taken.has(name)) name = `STACKC_${name}`;
    taken.add(name);
    helpers.set(key, name);
  }

  const value = (s: Segment): string => (s.kind === 'text' ? escapeExpansion(s.text) : s.kind === 'expression' ? s.text : varRef(helpers.get(s.key)!));
  const out: EnvVarSpec[] = [...helpers].map(([key, name]) => fromSecret(name, key));
  for (const e of entries) {
    if (isPlain(e.segments) || reused.has(e.name)) continue;
    const key = soleSecret(e.segments);
    out.push(key ? fromSecret(e.name, key) : { name: e.name, value: e.segments.map(value).join('') });
  }
  const secretKeys = unique(entries.flatMap((e) => secretKeysOf(e.segments)));
  return { plain, env: out, secretKeys };
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];
