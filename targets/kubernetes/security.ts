// Pod and container security contexts: what kube-linter, Checkov and the `restricted` Pod Security
// Standard ask for — non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp,
// read-only root file system when the stack says so.
import type { User } from '../../src/model/stack.js';

export interface PodSecurity {
  runAsNonRoot: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  fsGroupChangePolicy?: 'OnRootMismatch';
  seccompProfile: { type: 'RuntimeDefault' };
}

/** `user: 0` or `user: root`: the stack asks for root on purpose. */
export const isRootUser = (user: User | undefined): boolean => user?.uid === 0 || user?.name === 'root';

export function podSecurityContext(user: User | undefined): PodSecurity {
  const seccompProfile = { type: 'RuntimeDefault' } as const;
  if (isRootUser(user)) return { runAsNonRoot: false, runAsUser: 0, ...(user?.gid !== undefined ? { runAsGroup: user.gid } : {}), seccompProfile };
  if (user?.uid === undefined) return { runAsNonRoot: true, seccompProfile };
  return {
    runAsNonRoot: true,
    runAsUser: user.uid,
    ...(user.gid !== undefined ? { runAsGroup: user.gid } : {}),
    // Volumes are made writable for this group; OnRootMismatch skips the slow recursive chown
    // on every start of a large volume.
    fsGroup: user.gid ?? user.uid,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile,
  };
}

export function containerSecurityContext(readOnlyRootFilesystem: boolean) {
  return { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem, capabilities: { drop: ['ALL'] } };
}
