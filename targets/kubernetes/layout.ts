// The kustomize layout. Each environment is rendered completely; an object whose file is
// byte-identical in every environment the target deploys goes to `base/`, every other object to
// the overlays of the environments that have it. No object is in both, so kustomize never sees a
// duplicate, and an overlay is exactly "its environment's objects".
import type { Artifact, ArtifactFacts } from '../../src/emit/target.js';
import { commentLines, generatedHeader } from '../../src/emit/serialize/header.js';
import { toYaml } from '../../src/emit/serialize/yaml.js';
import { fileName, type Rendered } from './objects.js';

export const ROOT = 'deploy/kubernetes';
export const baseDir = `${ROOT}/base`;
export const overlayDir = (environment: string): string => `${ROOT}/overlays/${environment}`;

export interface ObjectFile {
  content: string;
  facts: Required<Omit<ArtifactFacts, 'names'>>;
}

export interface EnvironmentFiles {
  environment: string;
  /** File name → file, in render order. */
  files: Map<string, ObjectFile>;
}

export function serialize(item: Rendered, stackFile: string): string {
  return generatedHeader(stackFile) + commentLines(item.notes) + toYaml(item.object);
}

export function environmentFiles(environment: string, objects: readonly Rendered[], stackFile: string): EnvironmentFiles {
  const files = new Map<string, ObjectFile>();
  for (const item of objects) {
    const name = item.file ?? fileName(item.object);
    if (files.has(name)) throw new Error(`kubernetes target: two objects would be written to ${name}`);
    files.set(name, { content: serialize(item, stackFile), facts: item.facts });
  }
  return { environment, files };
}

/** Files shared by every environment, in the first environment's order. */
export function sharedFiles(all: readonly EnvironmentFiles[]): string[] {
  const [first, ...rest] = all;
  if (!first) return [];
  return [...first.files].filter(([name, file]) => rest.every((e) => e.files.get(name)?.content === file.content)).map(([name]) => name);
}

/** What a kustomization applies: everything its files deploy, each name once, in file order. */
export function unionFacts(files: readonly ObjectFile[]): Required<Omit<ArtifactFacts, 'names'>> {
  const union = (pick: (f: Required<Omit<ArtifactFacts, 'names'>>) => string[]) => [...new Set(files.flatMap((f) => pick(f.facts)))];
  return { services: union((f) => f.services), images: union((f) => f.images), secrets: union((f) => f.secrets) };
}

export const artifact = (path: string, content: string, facts: ArtifactFacts, environment?: string): Artifact => ({
  path,
  target: 'kubernetes',
  ...(environment ? { environment } : {}),
  content,
  facts,
});
