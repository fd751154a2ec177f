// What a reviewer thinks in: resources, not files. Kubernetes objects (matched by apiVersion, kind,
// namespace and name, in each environment they deploy to), Compose services, volumes, secrets and
// networks, workflow jobs; Fly, Railway and Vercel files, and env files, are one resource each
// whose changes are their keys.
import type { RenderedTarget } from '../emit/render.js';
import { kubernetesId, parseFile } from './documents.js';
import { isObject, type FileVersion, type Json } from './model.js';

export interface Resource {
  /** Identity across the two sides (environment included). */
  key: string;
  target: string;
  environment?: string;
  type: string;
  label: string;
  name: string;
  apiVersion?: string;
  namespace?: string;
  file: string;
  /** The parsed value; `undefined` for text files (compared by `text`). */
  value?: Json;
  text?: string;
}

/**
 * The namespace kustomize puts a file's objects in, per environment: the overlay's `namespace:`,
 * else (for a base object) the base's, else the object's own. Objects stackc writes name no
 * namespace (each overlay sets its environment's), so this is how a diff knows where they run.
 */
export type NamespaceOf = (file: FileVersion, environment: string | undefined) => string | undefined;

/** Kinds stackc or a hand edit may put in a kustomization that have no namespace. */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'IngressClass', 'PriorityClass', 'CustomResourceDefinition']);

const K8S_BASE = 'deploy/kubernetes/base/';
const OVERLAY = /^deploy\/kubernetes\/overlays\/([^/]+)\//;

/** The NamespaceOf of a side, read from its kustomization files. */
export function kustomizeNamespaces(files: ReadonlyMap<string, FileVersion>): NamespaceOf {
  const declared = (path: string): string | undefined => {
    const file = files.get(path);
    if (!file) return undefined;
    const parsed = parseFile(file.path, file.content);
    const doc = parsed.format === 'yaml' ? parsed.docs[0] : undefined;
    return isObject(doc) && typeof doc.namespace === 'string' ? doc.namespace : undefined;
  };
  const cache = new Map<string, string | undefined>();
  const of = (path: string) => {
    if (!cache.has(path)) cache.set(path, declared(path));
    return cache.get(path);
  };
  return (file, environment) => {
    const overlay = OVERLAY.exec(file.path)?.[1] ?? (file.path.startsWith(K8S_BASE) ? environment : undefined);
    const fromOverlay = overlay ? of(`deploy/kubernetes/overlays/${overlay}/kustomization.yaml`) : undefined;
    return fromOverlay ?? (file.path.startsWith(K8S_BASE) ? of(`${K8S_BASE}kustomization.yaml`) : undefined);
  };
}

const COMPOSE_SECTIONS: Record<string, string> = { services: 'service', volumes: 'volume', secrets: 'secret', networks: 'network', configs: 'config' };

/**
 * Environments a file applies to: its own, or, for a file shared by every environment of a
 * Kubernetes target (base/), each environment the target rendered.
 */
export function environmentsOf(file: FileVersion, rendered: readonly RenderedTarget[]): (string | undefined)[] {
  if (file.environment) return [file.environment];
  if (file.target === 'kubernetes') {
    const envs = rendered.find((r) => r.name === file.target)?.environments ?? [];
    if (envs.length > 0) return envs;
  }
  return [undefined];
}

export function resourcesOf(file: FileVersion, rendered: readonly RenderedTarget[], namespaceOf?: NamespaceOf): Resource[] {
  const parsed = parseFile(file.path, file.content);
  const out: Resource[] = [];
  const add = (r: Omit<Resource, 'key' | 'file' | 'target' | 'environment'>, environment: string | undefined) =>
    out.push({ ...r, target: file.target, file: file.path, ...(environment ? { environment } : {}), key: [file.target, environment ?? '', r.type, r.apiVersion ?? '', r.namespace ?? '', r.name].join('\u0000') });
  const whole = (environment: string | undefined) =>
    add({ type: 'file', name: file.path, label: `${file.target} ${file.path}`, ...(parsed.format === 'text' ? { text: file.content } : { value: parsed.docs.length === 1 ? parsed.docs[0]! : parsed.docs }) }, environment);

  for (const environment of environmentsOf(file, rendered)) {
    if (parsed.format === 'text') {
      whole(environment);
      continue;
    }
    const docs = parsed.docs;
    if (parsed.format === 'yaml' && docs.length > 0 && docs.every((d) => kubernetesId(d))) {
      for (const doc of docs) {
        const id = kubernetesId(doc)!;
        if (id.kind === 'Kustomization') continue; // layout, not a deployed object: its file diff shows it
        // Where kustomize puts it, written into the object as `kubectl apply -k` sends it.
        const namespace = CLUSTER_SCOPED.has(id.kind) ? undefined : (namespaceOf?.(file, environment) ?? id.namespace);
        const value = namespace && namespace !== id.namespace && isObject(doc) ? { ...doc, metadata: { ...(isObject(doc.metadata) ? doc.metadata : {}), namespace } } : doc;
        // Labelled as the file names it: `Deployment api` folds the same change in several environments' namespaces.
        add({ type: id.kind, name: id.name, apiVersion: id.apiVersion, ...(namespace ? { namespace } : {}), label: `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`, value }, environment);
      }
      continue;
    }
    const doc = docs.length === 1 ? docs[0]! : undefined;
    if (parsed.format === 'yaml' && isObject(doc) && file.target === 'compose' && isObject(doc.services)) {
      const rest: Record<string, Json> = {};
      for (const [key, value] of Object.entries(doc)) {
        const type = COMPOSE_SECTIONS[key];
        if (type && isObject(value)) for (const [name, v] of Object.entries(value)) add({ type, name, label: `compose ${type} ${name}`, value: v }, environment);
        else rest[key] = value;
      }
      add({ type: 'project', name: file.path, label: `compose project ${file.path}`, value: rest }, environment);
      continue;
    }
    if (parsed.format === 'yaml' && isObject(doc) && file.target === 'github-actions' && isObject(doc.jobs)) {
      const stem = file.path.slice(file.path.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
      const { jobs, ...rest } = doc;
      for (const [id, job] of Object.entries(jobs)) add({ type: 'job', name: `${stem}/${id}`, label: `workflow job ${stem}/${id}`, value: job }, environment);
      add({ type: 'workflow', name: stem, label: `workflow ${stem}`, value: rest }, environment);
      continue;
    }
    whole(environment);
  }
  return out;
}

/** Every resource of a side, by key (a duplicate keeps the first). */
export function resourceIndex(files: Iterable<FileVersion>, rendered: readonly RenderedTarget[], namespaceOf?: NamespaceOf): Map<string, Resource> {
  const index = new Map<string, Resource>();
  for (const file of files) for (const r of resourcesOf(file, rendered, namespaceOf)) if (!index.has(r.key)) index.set(r.key, r);
  return index;
}
