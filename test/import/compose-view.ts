// A compose project reduced to what the round trip compares: per service the image, published
// ports with their host address, variable names, healthcheck, dependencies and mounts. The original
// and the generated compose file are read by the same code (the importer's own reader and parsers).
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { parseDependsOn, parseHealthcheck, parsePorts, parseVolumes } from '../../src/import/compose-model.js';
import { serviceEnvironment } from '../../src/import/environment.js';
import type { ImportResult } from '../../src/import/index.js';
import { Notes, type ImportNote } from '../../src/import/notes.js';
import { parseComposeText } from '../../src/import/read.js';
import type { Stack } from '../../src/model/stack.js';
import compose from '../../targets/compose/index.js';
import { emitContext, emitTarget } from '../targets/context.js';
import { familiarImage } from '../../src/vocabulary/image-reference.js';
import { get, str, type CMap } from '../../src/import/tree.js';

export interface ServiceView {
  image?: string;
  /** `<container>/<proto>` → `<address>:<host|random>` or `expose`. */
  ports: Map<string, string>;
  env: Set<string>;
  healthcheck?: string;
  /** dependency → condition. */
  dependsOn: Map<string, string>;
  /**
   * mount target → `volume:<name>` / `bind:<absolute path>` (+ `:ro`); a file mounted read-only, by
   * a bind mount or a config, → `file:<absolute path>` or `content:<text>` (+ `:mode=<octal>`): the
   * same content at the same path, however Compose mounts it.
   */
  volumes: Map<string, string>;
}

/** @param profile the Compose profile started (`--profile`): its services run beside those without profiles */
export function composeView(root: CMap, baseDir: (file: string) => string, envNames: (service: string, node: CMap) => string[], profile?: string): Map<string, ServiceView> {
  const out = new Map<string, ServiceView>();
  const services = get(root, 'services');
  for (const s of services?.kind === 'map' ? services.entries : []) {
    const profiles = get(s.value, 'profiles');
    if (s.value.kind !== 'map' || (profiles && !(profiles.kind === 'seq' && profiles.items.some((p) => str(p) === profile)))) continue;
    const svc = s.value;
    const image = str(get(svc, 'image'));
    const ports = new Map<string, string>();
    for (const p of parsePorts(svc).ports) {
      // Every address of the host (Compose's default) is `*`.
      const address = !p.hostIp || p.hostIp === '0.0.0.0' || p.hostIp === '::' ? '*' : p.hostIp;
      for (let c = p.container; c <= p.containerEnd; c++) ports.set(`${c}/${p.protocol}`, p.exposeOnly ? 'expose' : `${address}:${p.host === undefined ? 'random' : String(p.host + (c - p.container))}`);
    }
    let healthcheck: string | undefined;
    const hc = get(svc, 'healthcheck');
    if (hc) {
      const h = parseHealthcheck(hc);
      healthcheck = h.disable ? 'disabled' : JSON.stringify([h.test, h.intervalMs ?? 30000, h.timeoutMs ?? 30000, h.retries ?? 3, h.startPeriodMs ?? 0]);
    }
    const volumes = new Map<string, string>();
    for (const m of parseVolumes(svc).mounts) {
      const path = m.type === 'bind' ? resolve(baseDir(m.at.file), m.source!) : '';
      if (m.type === 'bind' && m.readOnly && isFile(path)) {
        volumes.set(m.target, `file:${path}`);
        continue;
      }
      const source = m.type === 'bind' ? `bind:${path}` : m.type === 'volume' ? `volume:${m.source}` : m.type;
      volumes.set(m.target.replace(/(.)\/+$/, '$1'), `${source}${m.readOnly ? ':ro' : ''}`);
    }
    for (const [target, mounted] of configMounts(root, svc, baseDir)) volumes.set(target, mounted);
    out.set(s.key, {
      ...(image ? { image: familiarImage(image) } : {}),
      ports,
      env: new Set(envNames(s.key, svc)),
      ...(healthcheck ? { healthcheck } : {}),
      dependsOn: new Map(parseDependsOn(svc).map((d) => [d.name, d.condition])),
      volumes,
    });
  }
  return out;
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** A service's configs: target → what it mounts there (its file, or its content) and its mode. */
function configMounts(root: CMap, svc: CMap, baseDir: (file: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  const list = get(svc, 'configs');
  for (const item of list?.kind === 'seq' ? list.items : []) {
    const name = item.kind === 'scalar' ? str(item) : str(get(item, 'source'));
    if (!name) continue;
    const target = (item.kind === 'map' ? str(get(item, 'target')) : undefined) ?? `/${name}`;
    const definition = get(get(root, 'configs'), name);
    const file = str(get(definition, 'file'));
    const content = get(definition, 'content');
    const what = file !== undefined ? `file:${resolve(baseDir(definition!.at.file), file)}` : content?.kind === 'scalar' ? `content:${String(content.value)}` : 'config';
    const mode = item.kind === 'map' ? get(item, 'mode') : undefined;
    const bits = mode?.kind === 'scalar' ? (typeof mode.value === 'number' ? mode.value : parseInt(String(mode.value), 8)) : undefined;
    out.set(target, `${what}${bits !== undefined ? `:mode=${bits.toString(8)}` : ''}`);
  }
  return out;
}

/** Differences between the original and the generated service, as `service|aspect|key`. */
export function differences(name: string, original: ServiceView, generated: ServiceView | undefined): string[] {
  if (!generated) return [`${name}|service|`];
  const out: string[] = [];
  if (original.image !== undefined && original.image !== generated.image) out.push(`${name}|image|`);
  for (const key of new Set([...original.ports.keys(), ...generated.ports.keys()])) if (original.ports.get(key) !== generated.ports.get(key)) out.push(`${name}|ports|${key}`);
  for (const key of new Set([...original.env, ...generated.env])) if (original.env.has(key) !== generated.env.has(key)) out.push(`${name}|env|${key}`);
  if (original.healthcheck !== generated.healthcheck) out.push(`${name}|healthcheck|`);
  for (const key of new Set([...original.dependsOn.keys(), ...generated.dependsOn.keys()])) if (original.dependsOn.get(key) !== generated.dependsOn.get(key)) out.push(`${name}|depends_on|${key}`);
  for (const key of new Set([...original.volumes.keys(), ...generated.volumes.keys()])) if (original.volumes.get(key) !== generated.volumes.get(key)) out.push(`${name}|volumes|${key}`);
  return out;
}

/** Whether a note explains a difference (`service|aspect|key`). */
export const covers = (n: ImportNote, diff: string): boolean => {
  const [service, aspect, key] = diff.split('|');
  const a = n.affects;
  return a !== undefined && a.service === service && a.aspect === aspect && (a.key === undefined || a.key === key);
};

export interface RoundTrip {
  /** Differences between the original (with the environment's profile started) and the built file. */
  diffs: string[];
  /** The notes about this environment's services. */
  affecting: ImportNote[];
  /** Each original service (by compose name) beside what the built file made of it. */
  pairs: Map<string, { original: ServiceView; built?: ServiceView }>;
}

/**
 * Builds the compose file of one environment of an imported stack and compares it with the original
 * compose model, as `docker compose --profile <profile> up` would run it (`profile`: the Compose
 * profile the environment came from; none for the default environment).
 */
export function roundTrip(result: ImportResult, stack: Stack, environment: string, dir: string, profile?: string): RoundTrip {
  const artifacts = emitTarget(compose, emitContext(stack, 'compose', { environments: [environment] }));
  const file = artifacts.find((a) => /^compose(\.[^./]+)?\.yaml$/.test(a.path));
  if (!file) throw new Error(`no compose file for environment ${environment}: ${artifacts.map((a) => a.path).join(', ')}`);
  const parsed = parseComposeText(file.path, join(dir, file.path), file.content, { lookup: () => undefined, origin: () => undefined });
  if (parsed.diagnostics.length > 0 || !parsed.file) throw new Error(`the built ${file.path} does not read back: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  const fileDirs = new Map(result.files.map((f) => [f.file, dirname(f.absolute)]));
  const envNames = (dirs: Map<string, string>) => (_: string, node: CMap) => serviceEnvironment('x', node, { env: { lookup: () => undefined, origin: () => undefined }, notes: new Notes(), fileDirs: dirs, cwd: dir }).map((e) => e.name);
  const original = composeView(result.merged!, (f) => fileDirs.get(f) ?? dir, envNames(fileDirs), profile);
  const generated = composeView(parsed.file.root, () => dir, envNames(new Map([[file.path, dir]])), profile);
  const composeName = (name: string) => [...result.names].find(([, v]) => v.name === name)?.[0] ?? name;
  const diffs: string[] = [];
  const pairs = new Map<string, { original: ServiceView; built?: ServiceView }>();
  for (const [name, view] of original) {
    const mapped = result.names.get(name)?.name;
    const built = mapped ? generated.get(mapped) : undefined;
    pairs.set(name, { original: view, ...(built ? { built } : {}) });
    // The built file names dependencies by their stack.yaml names: compare by compose names.
    const gen = built && { ...built, dependsOn: new Map([...built.dependsOn].map(([dep, condition]) => [composeName(dep), condition])) };
    const renamed = mapped !== undefined && mapped !== name ? [`${name}|service|`] : [];
    // What stackc adds to a backing service on purpose: the first-start script creating the
    // application user (src/emit/app-user.ts), an inline config the original does not have.
    const initScripts = result.names.get(name)?.resource ? [...(gen?.volumes ?? [])].filter(([target, m]) => !view.volumes.has(target) && m.startsWith('content:')).map(([target]) => `${name}|volumes|${target}`) : [];
    diffs.push(...renamed, ...differences(name, view, gen).filter((d) => !initScripts.includes(d)));
  }
  // A generated service no original one became: another container answers to its name.
  const mappedNames = new Set([...original.keys()].map((n) => result.names.get(n)?.name));
  for (const name of generated.keys()) if (!mappedNames.has(name)) diffs.push(`${composeName(name)}|service|`);
  // What stackc's Compose file adds on purpose: a service also waits for what it reaches through
  // references (the deployment model's needs), which the original may not have said.
  const view = resolveDeployment(stack).model.environment(environment)!;
  const implied = new Set(view.services.flatMap((s) => s.needs.filter((n) => n.via === 'reference').map((n) => `${composeName(s.name)}|depends_on|${composeName(n.name)}`)));
  const affecting = result.notes.filter((n) => n.affects && original.has(n.affects.service) && (n.affects.environment ?? environment) === environment);
  return { diffs: diffs.filter((d) => !implied.has(d)), affecting, pairs };
}
