// The kustomize layout. Each environment is rendered completely; an object whose file is
// byte-identical in every environment the target deploys goes to `base/`, every other object to
// the overlays of the environments that have it. No object is in both, so kustomize never sees a
// duplicate, and an overlay is exactly "its environment's objects".
import type { Artifact } from '../../src/emit/target.js';
import { commentLines, generatedHeader } from '../../src/emit/serialize/header.js';
import { toYaml } from '../../src/emit/serialize/yaml.js';
import { fileName, type Rendered } from './objects.js';

export const ROOT = 'deploy/kubernetes';
export const baseDir = `${ROOT}/base`;
export const overlayDir = (environment: string): string => `${ROOT}/overlays/${environment}`;

export interface EnvironmentFiles {
  environment: string;
  /** File name → content, in render order. */
  files: Map<string, string>;
}

export function serialize(item: Rendered, stackFile: string): string {
  return generatedHeader(stackFile) + commentLines(item.notes) + toYaml(item.object);
}

export function environmentFiles(environment: string, objects: readonly Rendered[], stackFile: string): EnvironmentFiles {
  const files = new Map<string, string>();
  for (const item of objects) {
    const name = fileName(item.object);
    if (files.has(name)) throw new Error(`kubernetes target: two objects would be written to ${name}`);
    files.set(name, serialize(item, stackFile));
  }
  return { environment, files };
}

/** Files shared by every environment, in the first environment's order. */
export function sharedFiles(all: readonly EnvironmentFiles[]): string[] {
  const [first, ...rest] = all;
  if (!first) return [];
  return [...first.files].filter(([name, content]) => rest.every((e) => e.files.get(name) === content)).map(([name]) => name);
}

export const artifact = (path: string, content: string, environment?: string): Artifact => ({
  path,
  target: 'kubernetes',
  ...(environment ? { environment } : {}),
  content,
});
