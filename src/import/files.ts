// Compose `configs` and read-only bind mounts of one file → stack.yaml `files:` (docs/import.md).
// A config from a file of the project, or with inline `content`, mounts that file read-only at its
// target, as a `files:` entry does on every platform; so does a read-only bind mount of one file of
// the project. Anything else a config can be (an environment variable, external) is reported.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Notes } from './notes.js';
import { get, str, type CMap, type CNode } from './tree.js';

export interface FileImportContext {
  notes: Notes;
  /** The merged top-level `configs`, when there is one. */
  configs?: CMap;
  fileDirs: ReadonlyMap<string, string>;
  outDir: string;
  cwd: string;
  /** A project-relative path as stack.yaml writes it (`./nginx.conf`), or `undefined` outside the project. */
  rebase(path: string, fromDir: string, outDir: string): string | undefined;
}

const isFile = (absolute: string): boolean => {
  try {
    return statSync(absolute).isFile();
  } catch {
    return false;
  }
};

/** A read-only bind mount of one file of the project, as a `files:` entry; `undefined` for anything else. */
export function bindMountFile(source: string, target: string, fromDir: string, ctx: Pick<FileImportContext, 'outDir' | 'rebase'>): { path: string; source: string } | undefined {
  const rebased = ctx.rebase(source, fromDir, ctx.outDir);
  if (!rebased || rebased === '.' || !isFile(resolve(fromDir, source))) return undefined;
  return { path: target, source: rebased };
}

/** A `${` of the file's text as stack.yaml must write it: `$${` (stack.yaml would read a reference). */
const literalContent = (text: string): string => text.replace(/\$\{/g, () => '$${');

/** The service's `configs:` as `files:` entries, with a note for each one that cannot be. */
export function configFiles(composeName: string, service: CMap, ctx: FileImportContext): unknown[] {
  const list = get(service, 'configs');
  const out: unknown[] = [];
  for (const item of list?.kind === 'seq' ? list.items : []) {
    const name = item.kind === 'scalar' ? str(item) : str(get(item, 'source'));
    if (!name) continue;
    const target = (item.kind === 'map' ? str(get(item, 'target')) : undefined) ?? `/${name}`;
    const affects = { affects: { service: composeName, aspect: 'volumes' as const, key: target } };
    const drop = (why: string) => ctx.notes.dropped(item.at, `config \`${name}\` of \`${composeName}\``, why, affects);
    if (!target.startsWith('/') || target.endsWith('/')) {
      drop('a stack.yaml file is mounted at an absolute path to a file');
      continue;
    }
    const definition = get(ctx.configs, name);
    const content = definition ? sourceOf(definition, ctx) : { problem: 'it is not declared under the top-level `configs`' };
    if ('problem' in content) {
      drop(content.problem);
      continue;
    }
    const mode = item.kind === 'map' ? modeOf(get(item, 'mode')) : undefined;
    if (mode === null) {
      drop('its `mode` is not an octal permission stack.yaml can write (`0440`)');
      continue;
    }
    for (const key of ['uid', 'gid']) {
      const node = item.kind === 'map' ? get(item, key) : undefined;
      if (node) ctx.notes.dropped(node.at, `\`${key}\` of config \`${name}\` in \`${composeName}\``, 'stack.yaml files belong to the platform\'s default user (root)');
    }
    out.push({ path: target, ...content, ...(mode !== undefined ? { mode } : {}) });
  }
  return out;
}

/** Where a top-level config's text comes from: a file of the project, or inline content. */
function sourceOf(definition: CNode, ctx: FileImportContext): { source: string } | { content: string } | { problem: string } {
  const file = str(get(definition, 'file'));
  if (file !== undefined) {
    const fromDir = ctx.fileDirs.get(definition.at.file) ?? ctx.cwd;
    const rebased = ctx.rebase(file, fromDir, ctx.outDir);
    if (!rebased || rebased === '.') return { problem: 'its file is outside the project' };
    if (!isFile(resolve(fromDir, file))) return { problem: `its file ${file} is not a file of the project` };
    return { source: rebased };
  }
  const content = get(definition, 'content');
  if (content?.kind === 'scalar' && typeof content.value === 'string') return { content: literalContent(content.value) };
  if (get(definition, 'environment')) return { problem: 'its content comes from an environment variable: put the value in a file of the project, or pass it in `env`' };
  if (get(definition, 'external')) return { problem: 'it is external (created outside Compose, for Swarm)' };
  return { problem: 'it names no `file` or `content`' };
}

/** `0440` (yaml.v3 reads it as octal), `"0440"`: stack.yaml's `"0440"`; `null` when it is none. */
function modeOf(node: CNode | undefined): string | undefined | null {
  if (node?.kind !== 'scalar') return node ? null : undefined;
  const text = typeof node.value === 'number' ? node.value.toString(8) : String(node.value);
  return /^[0-7]{3,4}$/.test(text) && /^0?[0-7]{3}$/.test(text) ? text.padStart(4, '0') : null;
}
