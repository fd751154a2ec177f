// Volumes. A named volume is a PersistentVolumeClaim (size from `size`); a bind mount names a
// directory on the developer's machine, which a cluster does not have, so it is left out with a
// warning. A read-only root file system gets an emptyDir at /tmp, where most runtimes write.
import type { Service } from '../../src/model/stack.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';

export type AccessMode = 'ReadWriteOnce' | 'ReadWriteMany';

export interface PodVolumes {
  volumes: Record<string, unknown>[];
  mounts: { name: string; mountPath: string; readOnly?: boolean }[];
  notes: string[];
}

/** How many pods of the service can run at once. */
const maxPods = (s: Service): number => (s.autoscale ? s.autoscale.max : s.replicas);

/** Services mounting each named volume, in first-use order. */
function volumeUsers(env: RenderEnv): Map<string, Service[]> {
  const users = new Map<string, Service[]>();
  for (const s of env.services) {
    for (const v of s.volumes) {
      if (v.kind !== 'named') continue;
      const list = users.get(v.name) ?? [];
      if (!list.includes(s)) list.push(s);
      users.set(v.name, list);
    }
  }
  return users;
}

/** One pod on one node can use ReadWriteOnce; anything more needs ReadWriteMany storage. */
export function accessMode(env: RenderEnv, volume: string): AccessMode {
  const users = volumeUsers(env).get(volume) ?? [];
  return users.length > 1 || users.some((s) => maxPods(s) > 1) ? 'ReadWriteMany' : 'ReadWriteOnce';
}

export function podVolumes(service: Service, env: RenderEnv): PodVolumes {
  const out: PodVolumes = { volumes: [], mounts: [], notes: [] };
  for (const v of service.volumes) {
    if (v.kind === 'bind') {
      env.report({
        severity: 'warning',
        code: 'kubernetes/bind-mount',
        message: `\`${service.name}\` bind-mounts \`./${v.source}\` at \`${v.path}\` in environment \`${env.view.environment.name}\`; a cluster has no project directory, so the kubernetes target leaves it out`,
        path: v.at,
        hint: 'bake the files into the image, or use a named volume (`{ name, path, size }`)',
      });
      out.notes.push(`Bind mount ./${v.source}:${v.path} left out: a cluster has no project directory.`);
      continue;
    }
    if (!out.volumes.some((x) => x.name === v.name)) out.volumes.push({ name: v.name, persistentVolumeClaim: { claimName: v.name } });
    out.mounts.push({ name: v.name, mountPath: v.path, ...(v.readonly ? { readOnly: true } : {}) });
  }
  if (service.readOnly && !service.volumes.some((v) => v.path === '/tmp')) {
    const name = out.volumes.some((x) => x.name === 'tmp') ? 'tmp-dir' : 'tmp';
    out.volumes.push({ name, emptyDir: {} });
    out.mounts.push({ name, mountPath: '/tmp' });
  }
  return out;
}

/** Whether the service mounts a claim only one pod can use (then updates must Recreate). */
export const usesSingleWriterClaim = (service: Service, env: RenderEnv): boolean =>
  service.volumes.some((v) => v.kind === 'named' && accessMode(env, v.name) === 'ReadWriteOnce');

/** PersistentVolumeClaims for the named volumes of the environment's services, keyed by first user. */
export function claims(env: RenderEnv): Map<string, Rendered[]> {
  const byService = new Map<string, Rendered[]>();
  for (const [name, users] of volumeUsers(env)) {
    const specs = users.flatMap((s) => s.volumes.filter((v) => v.kind === 'named' && v.name === name));
    const first = specs[0]!;
    const size = first.kind === 'named' ? first.size : '1Gi';
    const notes: string[] = [];
    for (const other of specs) {
      if (other.kind === 'named' && other.size !== size) {
        env.report({ severity: 'warning', code: 'kubernetes/volume-size', message: `volume \`${name}\` is declared with sizes ${size} and ${other.size}; the claim requests ${size}, the first`, path: other.at, hint: 'give the volume the same `size` everywhere it is mounted' });
      }
    }
    const mode = accessMode(env, name);
    if (mode === 'ReadWriteMany') {
      const who = users.map((s) => `\`${s.name}\` (${s.autoscale ? `up to ${s.autoscale.max} pods` : `${s.replicas} pod${s.replicas === 1 ? '' : 's'}`})`).join(', ');
      env.report({
        severity: 'warning',
        code: 'kubernetes/shared-volume',
        message: `volume \`${name}\` is mounted by ${who} in environment \`${env.view.environment.name}\`; pods on different nodes can share it only as ReadWriteMany, which most default storage classes (block disks) cannot provide`,
        path: first.at,
        hint: 'use a storage class with ReadWriteMany (NFS, EFS, Azure Files, CephFS), run one replica, or keep the files in object storage',
      });
      notes.push('ReadWriteMany: more than one pod mounts this volume; the storage class must support it.');
    }
    const claim = rendered(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name, namespace: env.options.namespace, labels: objectLabels(env.stack.name, name, 'storage') },
        spec: { accessModes: [mode], resources: { requests: { storage: size } } },
      },
      notes,
    );
    const owner = users[0]!.name;
    byService.set(owner, [...(byService.get(owner) ?? []), claim]);
  }
  return byService;
}
