import { posix } from 'node:path';
import { defineRule } from '../rule.js';
import { dig, isObj, originOf, workloads, type Origin } from './support/workloads.js';

/** Sockets that control the container runtime: mounting one is root on the host. */
const SOCKETS = new Set([
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/podman/podman.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
]);
/** Host directories that must not be mounted as a whole. */
const DIRECTORIES = new Set(['/', '/etc', '/dev', '/var', '/var/run', '/run', '/usr', '/lib', '/bin', '/sbin', '/home', '/boot', '/proc', '/sys', '/root', '/var/lib/docker', '/var/lib/kubelet', '/var/lib/containerd', '/etc/kubernetes']);
/** Host directories nothing below which may be mounted either (kernel interfaces, root's home). */
const TREES = ['/proc/', '/sys/', '/root/', '/boot/', '/var/lib/docker/', '/var/lib/kubelet/', '/etc/kubernetes/'];
/** Credentials in a home directory. */
const HOME_SECRETS = /^(~|\$HOME|\$\{HOME\}|\/home\/[^/]+|\/Users\/[^/]+)(\/\.(ssh|aws|kube|docker|gnupg|config\/gcloud|azure)(\/.*)?)?$/;

/** Why a host path is sensitive, or `undefined` when it is not. */
function sensitiveHostPath(source: string): string | undefined {
  const raw = source.trim();
  if (/^(~|\$HOME|\$\{HOME\})/.test(raw)) return HOME_SECRETS.test(raw.replace(/\/+$/, '')) ? 'a home directory or the credentials in it' : undefined;
  if (!raw.startsWith('/')) return undefined;
  const path = posix.normalize(raw).replace(/(.)\/+$/, '$1');
  if (SOCKETS.has(path)) return path.includes('docker') ? 'the Docker socket, which controls every container on the host' : 'the container runtime socket, which controls every container on the host';
  if (DIRECTORIES.has(path) || TREES.some((t) => path.startsWith(t))) return 'a host system directory';
  if (HOME_SECRETS.test(path)) return 'a home directory or the credentials in it';
  return undefined;
}

const SHARED = { network_mode: 'network', pid: 'processes', ipc: 'shared memory', hostNetwork: 'network', hostPID: 'processes', hostIPC: 'shared memory' } as const;

/** The host side of a Compose volume, if it is a bind mount (`/src:/dst[:ro]` or `{ type: bind, source }`). */
function composeBindSource(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const source = v.split(':')[0]!;
    return /^([/~]|\$\{?HOME)/.test(source) ? source : undefined;
  }
  if (isObj(v) && v.type === 'bind' && typeof v.source === 'string') return v.source;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'no-host-access',
    description: 'What the targets render shares no host namespace and mounts no Docker socket or sensitive host path.',
    category: 'security',
    severity: 'error',
    scopes: ['artifacts'],
    pluginTargetsOnly: true,
    docs: {
      why: 'A container that mounts the Docker socket can start a privileged container and so owns the host; one that mounts `/`, `/etc`, `/proc`, `/sys` or a home directory reads or rewrites the host\'s secrets and configuration. The host network, PID or IPC namespace removes the isolation between the container and everything else on the machine. stack.yaml cannot express any of this (bind mounts are paths inside the project, like `./backend:/app`, which are fine), so the rule checks what the targets render, where a plugin target could bring it in.',
      fix: 'Change the target (plugin) or its options under `targets.<name>` so the files it writes do not set `network_mode`/`pid`/`ipc: host` (Compose) or `hostNetwork`/`hostPID`/`hostIPC` and `hostPath` volumes (Kubernetes), and do not bind-mount the paths above. Data that must outlive the container goes in a named volume (`{ name, path, size }`).',
      bad: 'plugins: [./stackc-target-agent.mjs]\ntargets:\n  agent: {}   # renders `/var/run/docker.sock:/var/run/docker.sock` and `network_mode: host`',
      good: 'plugins: [./stackc-target-agent.mjs]\ntargets:\n  agent: { socket: false, network: bridge }',
      whenOff: 'For a stack that is itself host tooling (a monitoring agent, a CI runner): suppress the finding on that target with the reason rather than turning the rule off.',
    },
    peers: [
      'kube-linter docker-sock',
      'kube-linter host-network',
      'kube-linter host-pid',
      'kube-linter host-ipc',
      'kube-linter sensitive-host-mounts',
      'kube-linter writable-host-mount',
      'Polaris hostNetworkSet',
      'Polaris hostPIDSet',
      'Polaris hostIPCSet',
      'Checkov CKV_K8S_27',
      'Checkov CKV_K8S_17',
      'Checkov CKV_K8S_18',
      'Checkov CKV_K8S_19',
    ],
    securitySeverity: 9.0,
  },
  check(ctx) {
    const { compose, pods } = workloads(ctx.artifacts());
    const report = (item: Origin, file: string, who: string, what: string, why: string, finding: string, hint: string) =>
      ctx.report({ message: `target \`${item.artifact.target}\` renders ${what} for ${who} in ${file}: ${why}`, at: { path: originOf(ctx.stack, item), key: true }, hint, key: `${file}#${who}#${finding}` });
    const fixTarget = (target: string) => `change the \`${target}\` target or its options`;

    for (const item of compose) {
      const { artifact, name, definition } = item;
      const who = `service \`${name}\``;
      for (const field of ['network_mode', 'pid', 'ipc'] as const) {
        if (definition[field] === 'host') report(item, artifact.path, who, `\`${field}: host\``, `it shares the host's ${SHARED[field]}`, field, `${fixTarget(artifact.target)}; ${field === 'network_mode' ? 'publish ports instead of using the host network' : 'keep the container in its own namespace'}`);
      }
      for (const volume of Array.isArray(definition.volumes) ? definition.volumes : []) {
        const source = composeBindSource(volume);
        const why = source && sensitiveHostPath(source);
        if (why) report(item, artifact.path, who, `a bind mount of \`${source}\``, `that is ${why}`, `volume:${source}`, `${fixTarget(artifact.target)}; keep data in a named volume, and never hand a container the Docker socket`);
      }
    }
    for (const item of pods) {
      const { artifact, object, spec, containers } = item;
      const who = object;
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
        if (spec[field] === true) report(item, artifact.path, who, `\`${field}: true\``, `its pods share the node's ${SHARED[field]}`, field, `${fixTarget(artifact.target)}; ${field === 'hostNetwork' ? 'reach other pods through Services instead' : 'keep the pods in their own namespaces'}`);
      }
      const mounted = new Map<string, string>();
      for (const c of containers) {
        for (const m of Array.isArray(c.definition.volumeMounts) ? c.definition.volumeMounts : []) {
          if (isObj(m) && typeof m.name === 'string' && m.readOnly !== true) mounted.set(m.name, c.name);
        }
      }
      for (const volume of Array.isArray(spec.volumes) ? spec.volumes : []) {
        const path = dig(volume, ['hostPath', 'path']);
        if (typeof path !== 'string') continue;
        const name = isObj(volume) && typeof volume.name === 'string' ? volume.name : '?';
        const why = sensitiveHostPath(path) ?? (mounted.has(name) ? "a writable directory of the node's file system" : "a directory of the node's file system");
        report(item, artifact.path, who, `a \`hostPath\` volume \`${name}\` of \`${path}\``, `that is ${why}`, `hostPath:${name}`, `${fixTarget(artifact.target)}; use a PersistentVolumeClaim, a ConfigMap or an emptyDir instead`);
      }
    }
  },
});
