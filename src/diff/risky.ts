// Changes a reviewer must not miss, flagged above everything else. Each rule looks at one resource
// as the two sides have it (values already masked) and its field changes; secrets are compared by
// name per target and environment.
import { compareValues, leaves, pathText, type Leaf } from './compare.js';
import { kubernetesId, parseFile } from './documents.js';
import { isObject, type FieldChange, type FileVersion, type Json, type RiskyChange, type Segment } from './model.js';
import { environmentsOf, type Resource } from './resources.js';
import type { RenderedTarget } from '../emit/render.js';
import { CRONTAB_PATH, crontabSchedules } from '../emit/crontab.js';
import { floatingTag } from '../vocabulary/floating-tags.js';
import { imageBaseName, parseImageReference } from '../vocabulary/image-reference.js';
import { byCodePoint } from '../model/order.js';
import { parseCron, runsInFourYears } from '../model/cron.js';

export interface ResourcePair {
  before?: Resource;
  after?: Resource;
  changes: FieldChange[];
}

type Risk = Omit<RiskyChange, 'environments'> & { environment?: string };

const REPLICA_KEYS = new Set(['replicas', 'numReplicas', 'minReplicas', 'min_machines_running']);
const PROBE_KEYS = new Set(['readinessProbe', 'livenessProbe', 'startupProbe', 'healthcheck', 'checks', 'http_checks', 'tcp_checks', 'healthcheckPath']);
/** Images whose removal loses data, by the repository's last component (`bitnami/postgres` too). */
const STATEFUL_IMAGES = new Set(['postgres', 'postgis', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'valkey', 'keydb', 'rabbitmq', 'elasticsearch', 'opensearch', 'minio', 'clickhouse', 'cassandra', 'neo4j', 'couchdb', 'memcached', 'nats', 'kafka', 'zookeeper', 'meilisearch', 'typesense', 'qdrant']);
const statefulImage = (image: string): boolean => STATEFUL_IMAGES.has(imageBaseName(parseImageReference(image)).toLowerCase());

/** The last map key of a path (set-item markers skipped). */
function keyOf(segments: readonly Segment[]): string | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i]!;
    if (typeof s === 'string') return s;
    if (typeof s === 'object' && 'set' in s) continue;
    return undefined;
  }
  return undefined;
}

/** `environments.production.deploy.numReplicas` in railway.json: the environment is in the path. */
function environmentIn(segments: readonly Segment[]): string | undefined {
  const i = segments.indexOf('environments');
  const next = i >= 0 ? segments[i + 1] : undefined;
  return typeof next === 'string' ? next : undefined;
}

const show = (v: Json | undefined): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

/** Pulled by no tag or a floating one (vocabulary/floating-tags.ts), so what runs can change without a change here. */
export const mutableImage = (image: string): boolean => floatingTag(parseImageReference(image)) !== undefined;

/** Named volumes a Compose service mounts (`db-data:/var/lib/...`, `{ type: volume, source }`). */
function composeNamedVolumes(service: Json | undefined): string[] {
  if (!isObject(service) || !Array.isArray(service.volumes)) return [];
  const out: string[] = [];
  for (const v of service.volumes) {
    if (typeof v === 'string') {
      const source = v.split(':')[0]!;
      if (v.includes(':') && !/^[./~$]/.test(source)) out.push(source);
    } else if (isObject(v) && (v.type === 'volume' || v.type === undefined) && typeof v.source === 'string' && !/^[./~$]/.test(v.source)) out.push(v.source);
  }
  return out;
}

/** A host address only this machine reaches: 127.0.0.0/8, `::1`, `localhost`. */
const isLoopback = (address: string): boolean => /^(127\.|localhost$|::1$)/.test(address);

/** Container ports a Compose service publishes on every interface. */
function composePublicPorts(service: Json | undefined): Set<string> {
  const out = new Set<string>();
  if (!isObject(service) || !Array.isArray(service.ports)) return out;
  for (const p of service.ports) {
    if (typeof p === 'string' || typeof p === 'number') {
      const text = String(p).replace(/\$\{[^}]*\}/g, 'X');
      // `[::1]:5432:5432`: an IPv6 address is in brackets, and has colons of its own.
      const v6 = /^\[([^\]]*)\]:(.*)$/.exec(text);
      const parts = (v6 ? v6[2]! : text).split(':');
      const address = v6 ? v6[1]! : parts.length === 3 ? parts[0]! : '';
      if (!isLoopback(address)) out.add(parts[parts.length - 1]!.split('/')[0]!);
    } else if (isObject(p)) {
      if (!isLoopback(typeof p.host_ip === 'string' ? p.host_ip : '')) out.add(String(p.target));
    }
  }
  return out;
}

function ingressHosts(value: Json | undefined): Set<string> {
  const out = new Set<string>();
  const spec = isObject(value) && isObject(value.spec) ? value.spec : undefined;
  if (spec && Array.isArray(spec.rules)) for (const r of spec.rules) if (isObject(r)) out.add(typeof r.host === 'string' ? r.host : '*');
  return out;
}

const get = (value: Json | undefined, ...path: string[]): Json | undefined => {
  let v = value;
  for (const p of path) v = isObject(v) ? v[p] : undefined;
  return v;
};

function flyPublic(value: Json | undefined): string | undefined {
  const http = get(value, 'http_service');
  if (isObject(http)) return `port ${show(http.internal_port)} over http(s)`;
  const services = get(value, 'services');
  if (Array.isArray(services) && services.length > 0) return `port ${services.map((s) => show(get(s, 'internal_port'))).join(', ')}`;
  return undefined;
}

/** Risks of one resource's change; `isProduction` tells an environment's role (the stack's `role:`, or its name). */
export function resourceRisks(pair: ResourcePair, isProduction: (environment: string | undefined) => boolean): Risk[] {
  const r = (pair.after ?? pair.before)!;
  const before = pair.before?.value;
  const after = pair.after?.value;
  const risks: Risk[] = [];
  const flag = (rule: Risk['rule'], message: string, environment = r.environment) =>
    risks.push({ rule, message, target: r.target, resource: r.label, file: r.file, ...(environment ? { environment } : {}) });

  // --- data loss ---
  if (pair.before && !pair.after) {
    if (r.type === 'PersistentVolumeClaim') flag('data-loss', `${r.label} removed: deleting the claim deletes its volume and the data on it`);
    if (r.type === 'StatefulSet' && Array.isArray(get(before, 'spec', 'volumeClaimTemplates'))) flag('data-loss', `${r.label} removed: a stateful backing service; the data in its volume claims is no longer used, and lost when they are deleted`);
    if (r.target === 'compose' && r.type === 'volume') flag('data-loss', `${r.label} removed: its data is no longer used, and lost when the volume is pruned (\`docker compose down -v\`)`);
    if (r.target === 'compose' && r.type === 'service') {
      const volumes = composeNamedVolumes(before);
      const image = get(before, 'image');
      if (volumes.length > 0 || (typeof image === 'string' && statefulImage(image))) flag('data-loss', `${r.label} removed: a stateful backing service${volumes.length ? ` (volume ${volumes.join(', ')})` : ''}; its data is no longer served`);
    }
    if (r.target === 'fly' && Array.isArray(get(before, 'mounts')) && (get(before, 'mounts') as Json[]).length > 0) flag('data-loss', `${r.label} removed with its volume mounts: the Fly volumes' data is no longer used`);
  }
  if (pair.before && pair.after) {
    for (const c of pair.changes) {
      const key = keyOf(c.segments);
      const templates = c.action === 'remove' && c.segments.includes('volumeClaimTemplates') && (key === 'volumeClaimTemplates' || (key === undefined && isObject(c.before)));
      if (templates) {
        const names = (Array.isArray(c.before) ? c.before : [c.before]).map((t) => show(get(t, 'metadata', 'name')));
        flag('data-loss', `${r.label}: volume claim template${names.length === 1 ? '' : 's'} ${names.join(', ')} removed: ${names.length === 1 ? 'its' : 'their'} data is no longer mounted`);
      }
      if (r.type === 'StatefulSet' && key === 'subPath' && c.segments.includes('volumeMounts')) flag('data-loss', `${r.label}: ${c.path} ${show(c.before)} → ${show(c.after)}: the container now sees another directory of its volume, so the data written before is not where it looks: move it there first, or it starts empty`);
      // The volume claim (`data`) mounted elsewhere: a container resource whose `volume` moved, whose image keeps looking where it did.
      if (r.type === 'StatefulSet' && key === 'mountPath' && c.action === 'change' && c.path.includes('volumeMounts[data]')) flag('data-loss', `${r.label}: ${c.path} ${show(c.before)} → ${show(c.after)}: its volume is now mounted elsewhere, so the data written before is not where the container looks unless the image moved it too: move it first, or it starts empty`);
      if (r.target === 'fly' && c.action === 'remove' && c.segments[0] === 'mounts') flag('data-loss', `${r.label}: volume mount ${show(get(c.before, 'source') ?? c.before)} removed: the Fly volume's data is no longer used`);
    }
  }

  // --- a Fly app renamed --- (app names are the app's identity: `fly deploy` makes a new one)
  if (r.target === 'fly' && pair.before && pair.after) {
    const was = get(before, 'app');
    const now = get(after, 'app');
    if (typeof was === 'string' && typeof now === 'string' && was !== now) {
      flag('app-renamed', `${r.label}: app ${was} → ${now}: \`fly deploy\` creates a new app ${now} (with no secrets, volumes, certificates or IP addresses yet) and leaves ${was} running; keep the old name with \`targets.fly.apps\`, or move over and then \`fly apps destroy ${was}\``);
    }
  }

  // --- replicas reduced to 1 in production ---
  const changeLeaves: Leaf[] = pair.before && pair.after ? leaves(pair.changes) : [];
  for (const leaf of changeLeaves) {
    const key = keyOf(leaf.segments);
    if (!key || !REPLICA_KEYS.has(key)) continue;
    const env = environmentIn(leaf.segments) ?? r.environment;
    if (!isProduction(env)) continue;
    if (typeof leaf.before === 'number' && leaf.before > 1 && typeof leaf.after === 'number' && leaf.after <= 1) flag('replicas-reduced', `${r.label}: ${pathText(leaf.segments)} ${leaf.before} → ${leaf.after}: one instance, so every deploy or crash is downtime`, env);
  }
  // `replicas` dropped (autoscale added): client-side `kubectl apply` deletes the field it applied
  // before, so the count falls to its default of 1 until the autoscaler scales up again.
  for (const leaf of changeLeaves) {
    if ((r.type !== 'Deployment' && r.type !== 'StatefulSet') || pathText(leaf.segments) !== 'spec.replicas' || !isProduction(r.environment)) continue;
    if (typeof leaf.before === 'number' && leaf.before > 1 && leaf.after === undefined) {
      flag('replicas-reduced', `${r.label}: spec.replicas ${leaf.before} removed (autoscale added): the first client-side kubectl apply drops it to 1 pod until the HorizontalPodAutoscaler scales up; run \`kubectl apply edit-last-applied\` and delete spec.replicas first (the file's header says how)`);
    }
  }
  if (pair.before && !pair.after && r.type === 'HorizontalPodAutoscaler' && isProduction(r.environment)) {
    const min = get(before, 'spec', 'minReplicas');
    if (typeof min !== 'number' || min > 1) flag('replicas-reduced', `${r.label} removed: autoscaling (min ${show(min ?? 1)}) no longer keeps several replicas running`);
  }

  // --- a rollout that stops every replica before it starts the new version, in production ---
  // (a Deployment's Recreate: `rollout: recreate`, or a ReadWriteOnce volume; Fly's `immediate`)
  if (pair.before && pair.after && isProduction(r.environment)) {
    const recreates = (v: Json | undefined) => (r.type === 'Deployment' ? get(v, 'spec', 'strategy', 'type') === 'Recreate' : r.target === 'fly' ? get(v, 'deploy', 'strategy') === 'immediate' : false);
    if (recreates(after) && !recreates(before)) {
      const what = r.type === 'Deployment' ? 'spec.strategy.type Recreate' : 'deploy.strategy immediate';
      flag('rollout-downtime', `${r.label}: ${what}: every deploy stops all the old ${r.type === 'Deployment' ? 'pods' : 'Machines'} before the new ones serve, so each deploy is downtime`);
    }
  }

  // --- a job's schedule removed, or a job that runs more often ---
  const schedulesBefore = schedulesOf(r.type, before);
  const schedulesAfter = schedulesOf(r.type, after);
  for (const [where, cron] of schedulesBefore) {
    const now = schedulesAfter.get(where);
    if (now === undefined) {
      flag('schedule-removed', `${r.label}${pair.after ? `: ${where} \`${cron}\` removed` : ` removed (${where} \`${cron}\`)`}: the job no longer runs on its own`);
      continue;
    }
    const was = parseCron(cron);
    const is = parseCron(now);
    if (!was.ok || !is.ok) continue;
    const [a, b] = [runsInFourYears(was.cron), runsInFourYears(is.cron)];
    if (b > a) flag('job-runs-more-often', `${r.label}: ${where} \`${cron}\` → \`${now}\`: runs ${a === 0 ? 'where it never ran' : `${timesMore(b / a)} as often`} (what it costs, and what it locks, grows with it)`);
  }

  // --- a port made public ---
  if (r.type === 'Ingress' && pair.after) {
    const added = [...ingressHosts(after)].filter((h) => !ingressHosts(before).has(h));
    if (added.length > 0) flag('port-public', `${r.label} ${pair.before ? 'now routes' : 'added: routes'} ${added.join(', ')} from the internet`);
  }
  // --- a host no longer served: its links and bookmarks break, and its DNS still points here ---
  if (r.type === 'Ingress' && pair.before) {
    const removed = [...ingressHosts(before)].filter((h) => h !== '*' && !ingressHosts(after).has(h));
    if (removed.length > 0) flag('host-removed', `${r.label} ${pair.after ? 'no longer routes' : 'removed: no longer routes'} ${removed.join(', ')}: requests for it fail (redirect it to a host that stays with \`public.redirects\` where the platform can)`);
  }
  if (r.type === 'Service' && pair.after) {
    const type = get(after, 'spec', 'type');
    if ((type === 'LoadBalancer' || type === 'NodePort') && get(before, 'spec', 'type') !== type) flag('port-public', `${r.label} is of type ${type}: reachable from outside the cluster`);
  }
  if (r.target === 'compose' && r.type === 'service' && pair.after) {
    const was = composePublicPorts(before);
    const is = composePublicPorts(after);
    const now = [...is].filter((p) => !was.has(p));
    // A public port renumbered (8000 → 8080) was public before: only more public ports than
    // stopped being public is a port made public.
    const stopped = [...was].filter((p) => !is.has(p)).length;
    if (now.length > stopped) flag('port-public', `${r.label} publishes port ${now.join(', ')} on every interface of the host`);
  }
  if (r.target === 'fly' && pair.after) {
    const now = flyPublic(after);
    if (now && !flyPublic(before)) flag('port-public', `${r.label} ${pair.before ? 'now serves' : 'added: serves'} ${now} to the internet`);
  }

  // --- a healthcheck or probe removed --- (not in workflows, where `checks` is a permission)
  if (pair.before && pair.after && r.target !== 'github-actions') {
    for (const c of pair.changes) {
      const key = keyOf(c.segments);
      if (c.action === 'remove' && key && PROBE_KEYS.has(key)) flag('healthcheck-removed', `${r.label}: ${c.path} removed: failures are no longer detected`);
      if (key === 'disable' && c.segments.includes('healthcheck') && c.after === true) flag('healthcheck-removed', `${r.label}: ${c.path} set: the healthcheck is switched off`);
      if (key === 'test' && c.segments.includes('healthcheck') && Array.isArray(c.after) && c.after[0] === 'NONE') flag('healthcheck-removed', `${r.label}: ${c.path} is NONE: the healthcheck is switched off`);
    }
  }

  // --- a non-root or hardening setting relaxed ---
  for (const leaf of changeLeaves) {
    const key = keyOf(leaf.segments);
    const where = `${r.label}: ${pathText(leaf.segments)} ${show(leaf.before)} → ${show(leaf.after)}`;
    const hasAll = (v: Json | undefined) => v === 'ALL' || (Array.isArray(v) && v.includes('ALL'));
    if (key === 'runAsNonRoot' && leaf.before === true && leaf.after !== true) flag('security-relaxed', `${where}: may run as root`);
    else if ((key === 'runAsUser' || key === 'runAsGroup') && leaf.after === 0 && leaf.before !== 0) flag('security-relaxed', `${where}: runs as root`);
    else if (key === 'allowPrivilegeEscalation' && leaf.before === false && leaf.after !== false) flag('security-relaxed', `${where}: processes may gain privileges`);
    else if (key === 'privileged' && leaf.after === true && leaf.before !== true) flag('security-relaxed', `${where}: full access to the host`);
    else if ((key === 'readOnlyRootFilesystem' || key === 'read_only') && leaf.before === true && leaf.after !== true) flag('security-relaxed', `${where}: the root file system is writable`);
    else if ((key === 'drop' || key === 'cap_drop') && hasAll(leaf.before) && !hasAll(leaf.after)) flag('security-relaxed', `${r.label}: ${pathText(leaf.segments)} no longer drops ALL capabilities`);
    else if ((key === 'add' || key === 'cap_add') && leaf.after !== undefined && leaf.before === undefined && leaf.segments.some((s) => s === 'capabilities' || s === 'cap_add')) flag('security-relaxed', `${r.label}: capability ${show(leaf.after)} added`);
    else if (key === 'security_opt' && typeof leaf.before === 'string' && leaf.before.startsWith('no-new-privileges') && leaf.after === undefined) flag('security-relaxed', `${r.label}: no-new-privileges removed`);
    else if (key === 'user' && r.target === 'compose' && leaf.segments.length === 1 && !isRoot(leaf.before) && isRoot(leaf.after)) flag('security-relaxed', `${where}: runs as root`);
  }

  // --- an image moved to a mutable tag ---
  for (const leaf of changeLeaves) {
    if (keyOf(leaf.segments) !== 'image' || typeof leaf.before !== 'string' || typeof leaf.after !== 'string') continue;
    if (!mutableImage(leaf.before) && mutableImage(leaf.after)) flag('mutable-image', `${r.label}: ${pathText(leaf.segments)} ${leaf.before} → ${leaf.after}: a mutable tag, so what runs can change without a change here`);
  }
  return risks;
}

/**
 * Kubernetes objects that leave one namespace for another in an environment (the same kind and
 * name, removed from one, added to the other): `kubectl apply -k` creates them anew and leaves the
 * old ones running, and a StatefulSet or claim starts with empty volumes, its data left in the old
 * namespace's claims. One risk per environment and move, naming what starts empty; and the pairs
 * with each moved object's removal and addition joined into one change, so the other rules judge
 * what changed about it (not "removed: data loss" and "added: now public").
 */
export function namespaceMoves(pairs: readonly ResourcePair[]): { risks: Risk[]; pairs: ResourcePair[] } {
  const identity = (x: Resource) => [x.environment ?? '', x.type, x.apiVersion ?? '', x.name].join('\u0000');
  const removed = new Map<string, ResourcePair>();
  for (const p of pairs) if (p.before && !p.after && p.before.target === 'kubernetes' && p.before.namespace) removed.set(identity(p.before), p);
  const moves = new Map<string, { environment?: string; from: string; to: string; file: string; stateful: string[] }>();
  const joined = new Map<ResourcePair, ResourcePair | undefined>();
  for (const p of pairs) {
    const added = !p.before && p.after?.target === 'kubernetes' ? p.after : undefined;
    const gone = added?.namespace ? removed.get(identity(added)) : undefined;
    const was = gone?.before;
    if (!added || !gone || !was || was.namespace === added.namespace) continue;
    joined.set(gone, undefined);
    joined.set(p, { before: was, after: added, changes: compareValues(was.value, added.value) });
    const key = [added.environment ?? '', was.namespace, added.namespace].join('\u0000');
    const move = moves.get(key) ?? { ...(added.environment ? { environment: added.environment } : {}), from: was.namespace!, to: added.namespace!, file: added.file, stateful: [] };
    if ((added.type === 'StatefulSet' && Array.isArray(get(was.value, 'spec', 'volumeClaimTemplates'))) || added.type === 'PersistentVolumeClaim') move.stateful.push(`${added.type} ${added.name}`);
    moves.set(key, move);
  }
  const risks = [...moves.values()].map(({ environment, from, to, file, stateful }) => ({
    rule: 'namespace-changed' as const,
    message:
      `objects move from namespace ${from} to ${to}: \`kubectl apply -k\` creates them anew in ${to} and leaves the old ones running in ${from} until you delete them` +
      (stateful.length ? `; ${stateful.join(', ')} start${stateful.length === 1 ? 's' : ''} with empty volumes in ${to} (the data stays in ${from}'s claims: copy it over first, or keep the old namespace)` : ''),
    target: 'kubernetes',
    file,
    ...(environment ? { environment } : {}),
  }));
  return { risks, pairs: pairs.flatMap((p) => (joined.has(p) ? (joined.get(p) ? [joined.get(p)!] : []) : [p])) };
}

const isRoot = (v: Json | undefined): boolean => v === undefined || v === 0 || (typeof v === 'string' && /^(0|root)(:.*)?$/.test(v));

// --- secrets, by name ---

/**
 * Secret names each file makes the platform read, per (target, environment): what the target said
 * (the file's facts), else what the file's own syntax shows (secretKeyRef, `${{ secrets.X }}`, a
 * required Compose variable) for a file edited by hand.
 */
export function secretNames(files: Iterable<FileVersion>, rendered: readonly RenderedTarget[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of files) {
    const names = file.facts?.secrets ? new Set(file.facts.secrets) : readSecretNames(file);
    if (names.size === 0) continue;
    for (const env of environmentsOf(file, rendered)) {
      const key = `${file.target}\u0000${env ?? ''}`;
      const set = out.get(key) ?? new Set<string>();
      names.forEach((n) => set.add(n));
      out.set(key, set);
    }
  }
  return out;
}

/** The secret names a file's syntax shows. */
export function readSecretNames(file: FileVersion): Set<string> {
  const names = new Set<string>();
  const parsed = parseFile(file.path, file.content);
  const strings = (v: Json | undefined, visit: (s: string) => void): void => {
    if (typeof v === 'string') visit(v);
    else if (Array.isArray(v)) v.forEach((x) => strings(x, visit));
    else if (isObject(v)) Object.values(v).forEach((x) => strings(x, visit));
  };
  const refs = (s: string) => {
    for (const m of s.matchAll(/\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/g)) if (m[1] !== 'GITHUB_TOKEN') names.add(m[1]!);
    if (file.target === 'compose') for (const m of s.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):\?/g)) names.add(m[1]!);
  };
  const walkK8s = (v: Json | undefined): void => {
    if (Array.isArray(v)) v.forEach(walkK8s);
    else if (isObject(v)) {
      const ref = v.secretKeyRef;
      if (isObject(ref) && typeof ref.key === 'string') names.add(ref.key);
      Object.values(v).forEach(walkK8s);
    }
  };
  if (parsed.format !== 'text') {
    for (const doc of parsed.docs) {
      strings(doc, refs);
      const id = kubernetesId(doc);
      if (id) {
        walkK8s(doc);
        if (id.kind === 'Secret' && isObject(doc)) for (const field of ['data', 'stringData']) if (isObject(doc[field])) Object.keys(doc[field] as object).forEach((k) => names.add(k));
      }
      if (file.target === 'compose' && isObject(doc) && isObject(doc.secrets)) Object.keys(doc.secrets).forEach((k) => names.add(k));
    }
  }
  return names;
}

/** Secret names added and removed, one risk per name, listing where. */
export function secretRisks(before: Map<string, Set<string>>, after: Map<string, Set<string>>, targetOrder: readonly string[], envOrder: readonly string[]): RiskyChange[] {
  const found = new Map<string, { rule: 'secret-added' | 'secret-removed'; name: string; where: Map<string, string[]> }>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [target, env] = key.split('\u0000') as [string, string];
    const b = before.get(key) ?? new Set<string>();
    const a = after.get(key) ?? new Set<string>();
    const note = (rule: 'secret-added' | 'secret-removed', name: string) => {
      const id = `${rule}\u0000${name}`;
      const entry = found.get(id) ?? { rule, name, where: new Map<string, string[]>() };
      const envs = entry.where.get(target) ?? [];
      if (env) envs.push(env);
      entry.where.set(target, envs);
      found.set(id, entry);
    };
    for (const name of a) if (!b.has(name)) note('secret-added', name);
    for (const name of b) if (!a.has(name)) note('secret-removed', name);
  }
  const rank = (list: readonly string[], x: string) => (list.indexOf(x) < 0 ? list.length : list.indexOf(x));
  return [...found.values()]
    .sort((x, y) => (x.rule === y.rule ? byCodePoint(x.name, y.name) : x.rule === 'secret-added' ? -1 : 1))
    .map(({ rule, name, where }) => {
      const targets = [...where.keys()].sort((x, y) => rank(targetOrder, x) - rank(targetOrder, y));
      const places = targets.map((t) => {
        const envs = [...new Set(where.get(t))].sort((x, y) => rank(envOrder, x) - rank(envOrder, y));
        return envs.length ? `${t}: ${envs.join(', ')}` : t;
      });
      const environments = [...new Set(targets.flatMap((t) => where.get(t)!))].sort((x, y) => rank(envOrder, x) - rank(envOrder, y));
      const message =
        rule === 'secret-added'
          ? `secret ${name} added (${places.join('; ')}): set it in each platform's secret store before deploying`
          : `secret ${name} removed (${places.join('; ')}): no longer read; delete it from the secret stores once deployed`;
      return { rule, message, environments };
    });
}

/** What the platform calls a service or backing service, as a side's files say (ArtifactFacts.names). */
interface Called {
  target: string;
  environment?: string;
  /** The stack's name for it. */
  name: string;
  service: boolean;
  called: string;
}

function calledNames(files: Iterable<FileVersion>, rendered: readonly RenderedTarget[]): Map<string, Called> {
  const out = new Map<string, Called>();
  for (const file of files) {
    for (const [name, called] of Object.entries(file.facts?.names ?? {})) {
      for (const environment of environmentsOf(file, rendered)) {
        const key = [file.target, environment ?? '', name].join('\u0000');
        if (!out.has(key)) out.set(key, { target: file.target, ...(environment ? { environment } : {}), name, service: file.facts?.services?.includes(name) ?? false, called });
      }
    }
  }
  return out;
}

const PLATFORM: Record<string, { title: string; option: string }> = { railway: { title: 'Railway', option: 'targets.railway.names' } };

/**
 * A service or backing service the platform knows by another name than before (read from the files'
 * facts, never from their text): the platform finds it by name, so the deploy makes a new, empty one
 * and leaves the old one running; a reference variable to a renamed database points at nothing.
 */
export function renameRisks(base: Iterable<FileVersion>, head: Iterable<FileVersion>, baseRendered: readonly RenderedTarget[], headRendered: readonly RenderedTarget[]): Risk[] {
  const before = calledNames(base, baseRendered);
  const risks: Risk[] = [];
  for (const [key, now] of calledNames(head, headRendered)) {
    const was = before.get(key);
    if (!was || was.called === now.called) continue;
    const platform = PLATFORM[now.target] ?? { title: now.target, option: `targets.${now.target}` };
    const keep = `keep the old name with \`${platform.option}: { ${now.name}: ${was.called} }\``;
    const message = now.service
      ? `${now.target}: service ${now.name} deploys to the ${platform.title} service ${now.called}, was ${was.called}: ${platform.title} finds a service by its name, so the deploy creates a new, empty service ${now.called} (no variables, volume or domain yet) and leaves ${was.called} running; ${keep}, or move over and delete ${was.called}`
      : `${now.target}: backing service ${now.name} is the ${platform.title} service ${now.called}, was ${was.called}: reference variables now read \`\${{${now.called}.…}}\`, which resolve to nothing until the database service is renamed; ${keep}, or rename the service in ${platform.title}`;
    risks.push({ rule: 'service-renamed', message, target: now.target, resource: `${now.service ? 'service' : 'backing service'} ${now.name}`, ...(now.environment ? { environment: now.environment } : {}) });
  }
  return risks;
}

/**
 * The schedules a resource runs on by itself, by where they are written, whichever target wrote
 * them (the rules above judge a schedule, not a platform): a CronJob's `spec.schedule` unless it
 * is suspended (stackc suspends the CronJobs of manual and post-deploy jobs), Railway's
 * `deploy.cronSchedule` (also under `environments.<env>`), vercel.json's `crons`, one per path it
 * calls (`crons[/api/cron/digest].schedule`), and a workflow's `on.schedule` crons (GitHub Actions'
 * schedule-<job>.yml).
 */
function schedulesOf(type: string, value: Json | undefined): Map<string, string> {
  const found = new Map<string, string>();
  if (value === undefined) return found;
  if (type === 'CronJob') {
    const schedule = get(value, 'spec', 'schedule');
    if (typeof schedule === 'string' && get(value, 'spec', 'suspend') !== true) found.set('spec.schedule', schedule);
    return found;
  }
  // A supercronic crontab (src/emit/crontab.ts): Compose's scheduler mounts it as a config, Fly
  // writes it into its Machines with [[files]] (base64).
  const crontab = (text: string) => {
    for (const [job, cron] of crontabSchedules(text)) found.set(`crontab[${job}]`, cron);
  };
  if (type === 'config' && typeof get(value, 'content') === 'string' && /^CRON_TZ=/m.test(get(value, 'content') as string)) {
    crontab(get(value, 'content') as string);
    return found;
  }
  const walk = (v: Json | undefined, path: string[]): void => {
    if (Array.isArray(v)) return v.forEach((item, i) => walk(item, [...path, String(i)]));
    if (!isObject(v)) return;
    if (v.guest_path === CRONTAB_PATH && typeof v.raw_value === 'string') return crontab(Buffer.from(v.raw_value, 'base64').toString('utf8'));
    for (const [k, child] of Object.entries(v)) {
      if (k === 'cronSchedule' && typeof child === 'string') found.set([...path, k].join('.'), child);
      else if (k === 'crons' && Array.isArray(child)) urlCrons(child, [...path, k].join('.'), found);
      else if (k === 'schedule' && type === 'workflow' && Array.isArray(child)) child.forEach((c, i) => typeof get(c, 'cron') === 'string' && found.set(`${[...path, k].join('.')}[${i}].cron`, get(c, 'cron') as string));
      else walk(child, [...path, k]);
    }
  };
  walk(value, []);
  return found;
}

/** Vercel's `crons: [{ path, schedule }]`, by the path each calls; a path called twice is told apart by its place among them. */
function urlCrons(crons: readonly Json[], where: string, found: Map<string, string>): void {
  const seen = new Map<string, number>();
  for (const cron of crons) {
    const path = get(cron, 'path');
    const schedule = get(cron, 'schedule');
    if (typeof path !== 'string' || typeof schedule !== 'string') continue;
    const n = (seen.get(path) ?? 0) + 1;
    seen.set(path, n);
    found.set(`${where}[${path}${n > 1 ? ` #${n}` : ''}].schedule`, schedule);
  }
}

/** `2×`, `12×`, `1.5×`. */
const timesMore = (ratio: number): string => `${Number.isInteger(ratio) ? ratio : Number(ratio.toFixed(1))}×`;
