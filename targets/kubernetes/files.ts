// `files:` as a ConfigMap volume. The files of a service go into one ConfigMap whose name ends in a
// hash of their content (`proxy-files-3f2a9c1b7d`), immutable, as the env ConfigMap is
// (configmap.ts): a changed file is a new ConfigMap and a new pod template, so the pods roll and
// `kubectl rollout undo` brings the old file back. Each file is mounted with `subPath`, so only that
// file appears at its path and the rest of its directory stays the image's
// (https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath). The kubelet does not fill
// a file in from a Secret, so a file holding a secret is refused (src/deploy/mounted-files.ts).
import { createHash } from 'node:crypto';
import type { DeployedService } from '../../src/deploy/model.js';
import { fileSite, plainFileText, resolveFile } from '../../src/deploy/mounted-files.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { serviceComponent } from './deployment.js';

/** What a ConfigMap can hold: the API server refuses an object over 1 MiB. */
export const CONFIGMAP_BYTES = 1024 * 1024;

export interface FileVolume {
  configMap: Rendered;
  volume: Record<string, unknown>;
  mounts: { name: string; mountPath: string; subPath: string; readOnly: true }[];
}

/** The ConfigMap, volume and mounts of the service's files; `undefined` when it mounts none (or each was refused). */
export function fileVolume(service: DeployedService, volumeNames: readonly string[], env: RenderEnv): FileVolume | undefined {
  const data: Record<string, string> = {};
  const items: { key: string; path: string; mode?: number }[] = [];
  const mounts: FileVolume['mounts'] = [];
  const volume = volumeNames.includes('files') ? 'stackc-files' : 'files';
  let bytes = 0;
  for (const file of service.files) {
    const site = fileSite(file, service, env.environment);
    const parts = resolveFile(file, env.book, site, env.report);
    const plain = plainFileText(file, parts, env.book, site, { code: 'kubernetes/file-secret', title: 'Kubernetes' });
    if ('problem' in plain) {
      env.report(plain.problem);
      continue;
    }
    bytes += Buffer.byteLength(plain.text, 'utf8');
    if (bytes > CONFIGMAP_BYTES) {
      env.report({
        severity: 'error',
        code: 'kubernetes/file-too-big',
        message: `the files of \`${service.name}\` come to more than 1 MiB with \`${file.path}\`, and a ConfigMap holds at most 1 MiB`,
        path: file.at,
        hint: 'copy large files into the image, or keep them on a volume',
      });
      continue;
    }
    const key = keyFor(file.path, data);
    data[key] = plain.text;
    items.push({ key, path: key, ...(file.mode !== undefined ? { mode: file.mode } : {}) });
    mounts.push({ name: volume, mountPath: file.path, subPath: key, readOnly: true });
  }
  if (!items.length) return undefined;
  const configMap = rendered(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${service.name}-files-${contentHash(data)}`, labels: objectLabels(env.stack.name, service.name, serviceComponent(service)) },
      immutable: true,
      data,
    },
    [],
    { services: [service.name] },
  );
  return {
    // One file per service whatever the hash, so a review shows the lines that changed.
    configMap: { ...configMap, file: `configmap-${service.name}-files.yaml` },
    volume: { name: volume, configMap: { name: configMap.object.metadata.name, items } },
    mounts,
  };
}

/** The file's name as a ConfigMap key (`[-._a-zA-Z0-9]+`), numbered when two files share it. */
function keyFor(path: string, taken: Record<string, string>): string {
  const base = (path.split('/').at(-1) || 'file').replace(/[^-._a-zA-Z0-9]/g, '-');
  let key = base;
  for (let n = 2; key in taken; n++) key = `${base}-${n}`;
  return key;
}

/** Ten hex digits of the SHA-256 of the data, in the order written (the keys follow `files:`). */
const contentHash = (data: Record<string, string>): string => createHash('sha256').update(JSON.stringify(Object.entries(data))).digest('hex').slice(0, 10);
