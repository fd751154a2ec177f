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

export function resourcesOf(file: FileVersion, rendered: readonly RenderedTarget[]): Resource[] {
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
        add({ type: id.kind, name: id.name, apiVersion: id.apiVersion, ...(id.namespace ? { namespace: id.namespace } : {}), label: `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`, value: doc }, environment);
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
export function resourceIndex(files: Iterable<FileVersion>, rendered: readonly RenderedTarget[]): Map<string, Resource> {
  const index = new Map<string, Resource>();
  for (const file of files) for (const r of resourcesOf(file, rendered)) if (!index.has(r.key)) index.set(r.key, r);
  return index;
}
