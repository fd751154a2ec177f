// A Compose build's `secrets` and `platforms` as stack.yaml's. A stack.yaml build secret is one
// name: the id the Dockerfile mounts and the variable its value comes from. A Compose build secret
// names a top-level secret whose value comes from a variable (`environment:`) or a file (`file:`),
// mounted under its own name or a `target`. The name kept is the id the Dockerfile mounts.
import { isShellName } from '../vocabulary/env-var-name.js';
import type { Notes } from './notes.js';
import { get, str, type CMap, type CNode } from './tree.js';

/** Where the value of a top-level secret comes from. */
export interface SecretSource {
  environment?: string;
  file?: string;
}

/** The top-level `secrets:` of the merged file, by name. */
export function secretSources(merged: CMap): Map<string, SecretSource> {
  const top = get(merged, 'secrets');
  const sources = new Map<string, SecretSource>();
  if (top?.kind !== 'map') return sources;
  for (const e of top.entries) {
    const environment = str(get(e.value, 'environment'));
    const file = str(get(e.value, 'file'));
    sources.set(e.key, { ...(environment ? { environment } : {}), ...(file ? { file } : {}) });
  }
  return sources;
}

/** `build.secrets` (short `- name` or long `{ source, target }`): the ids the Dockerfile mounts. */
export function mapBuildSecrets(composeName: string, node: CNode, sources: ReadonlyMap<string, SecretSource>, notes: Notes): string[] {
  if (node.kind !== 'seq') return [];
  const ids: string[] = [];
  for (const item of node.items) {
    const source = item.kind === 'map' ? str(get(item, 'source')) : str(item);
    const id = (item.kind === 'map' ? str(get(item, 'target')) : undefined) ?? source;
    if (!source || !id) continue;
    const what = `build secret \`${id}\` of \`${composeName}\``;
    if (!isShellName(id)) {
      notes.dropped(item.at, what, 'stack.yaml build secret ids are variable names (letters, digits and `_`), the name the value is read from', { hint: 'rename the id in the Dockerfile\'s `RUN --mount=type=secret,id=...`' });
      continue;
    }
    const from = sources.get(source);
    if (from?.environment !== id) {
      const was = from?.environment ? `the variable ${from.environment}` : from?.file ? `the file ${from.file}` : `the secret ${source}`;
      notes.changed(item.at, `${what} is read from the variable ${id} (Compose read it from ${was})`);
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** `build.platforms`: those stack.yaml can name (`os/arch[/variant]`). */
export function mapPlatforms(composeName: string, node: CNode, notes: Notes): string[] {
  if (node.kind !== 'seq') return [];
  const platforms: string[] = [];
  for (const item of node.items) {
    const p = str(item);
    if (p && /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(p)) {
      if (!platforms.includes(p)) platforms.push(p);
    } else {
      notes.dropped(item.at, `build platform \`${p ?? ''}\` of \`${composeName}\``, 'stack.yaml platforms are `os/arch[/variant]`');
    }
  }
  return platforms;
}
