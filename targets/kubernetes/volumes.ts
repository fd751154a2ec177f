// Volumes. A named volume is a PersistentVolumeClaim (size from `size`); a bind mount names a
// directory on the developer's machine, which a cluster does not have, so it is left out (a
// capability gap, whose note the Deployment carries). A read-only root file system gets an emptyDir
// at /tmp, where most runtimes write.
import type { DeployedService } from '../../src/deploy/model.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { accessMode, volumeSpecs, volumeUsers } from './volume-sharing.js';

export interface PodVolumes {
  volumes: Record<string, unknown>[];
  mounts: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
}

export function podVolumes(service: DeployedService): PodVolumes {
  const out: PodVolumes = { volumes: [], mounts: [] };
  for (const v of service.volumes) {
    if (v.kind === 'bind') continue;
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
export function usesSingleWriterClaim(service: DeployedService, env: RenderEnv): boolean {
  const users = volumeUsers(env.services);
  return service.volumes.some((v) => v.kind === 'named' && accessMode(users.get(v.name) ?? []) === 'ReadWriteOnce');
}

/** PersistentVolumeClaims for the named volumes of the environment's services, keyed by first user. */
export function claims(env: RenderEnv): Map<string, Rendered[]> {
  const byService = new Map<string, Rendered[]>();
  for (const [name, users] of volumeUsers(env.services)) {
    const first = volumeSpecs(name, users)[0]!;
    const owner = users[0] as DeployedService;
    // The shared-volume gap of this claim, found by the owner's declaration it points at.
    const notes = env.gaps
      .service(owner)
      .filter((g) => g.code === 'kubernetes/shared-volume' && g.note && JSON.stringify(g.path) === JSON.stringify(first.at))
      .map((g) => g.note!);
    const claim = rendered(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name, labels: objectLabels(env.stack.name, name, 'storage') },
        spec: { accessModes: [accessMode(users)], resources: { requests: { storage: first.size } } },
      },
      notes,
      { services: users.map((s) => s.name) },
    );
    byService.set(owner.name, [...(byService.get(owner.name) ?? []), claim]);
  }
  return byService;
}
