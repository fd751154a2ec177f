// What a cluster would do with the rendered objects, checked the way `kubectl apply -k` and the
// controllers would read them: selectors that select, ports that exist, users the kubelet accepts,
// references that resolve, routes that do not collide, namespaces that do not overlap. Each check
// names the object and the environment, so a failure reads like the cluster's complaint.
import type { KubeObject } from './kustomize.js';

export interface KubernetesSemantics {
  /** Services whose image user stackc cannot know: runAsNonRoot without a UID is allowed in their pods (the kubelet checks a numeric image USER). */
  unknownUsers: ReadonlySet<string>;
  /** The stack opts in to one namespace shared by its environments. */
  sharedNamespace: boolean;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet']);
const NAMESPACED_EXCEPT = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'CustomResourceDefinition']);
/** DNS-1123 subdomain (Ingress hosts may start with one `*.` label). */
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
/** RFC 1035 label: what a Service's name must be. */
const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

interface Pod {
  owner: KubeObject;
  namespace: string | undefined;
  labels: Record<string, string>;
  spec: Any;
}

const id = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;
/**
 * The stack service a workload runs (its `app.kubernetes.io/name`; a Job's name carries a hash); a
 * release Job's pods are named `<service>-release` (targets/kubernetes/release.ts) and run its pod.
 */
const serviceOf = (o: KubeObject): string => {
  const name = o.metadata.labels?.['app.kubernetes.io/name'] ?? o.metadata.name;
  return o.metadata.labels?.['app.kubernetes.io/component'] === 'release' ? name.replace(/-release$/, '') : name;
};
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
const podTemplate = (o: KubeObject): Any => (o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template : o.spec?.template);

function podsOf(objects: KubeObject[]): Pod[] {
  return objects
    .filter((o) => WORKLOADS.has(o.kind) || o.kind === 'CronJob')
    .map((o) => ({ owner: o, namespace: o.metadata.namespace, labels: podTemplate(o)?.metadata?.labels ?? {}, spec: podTemplate(o)?.spec ?? {} }));
}

const containersOf = (spec: Any): Any[] => [...(spec.initContainers ?? []), ...(spec.containers ?? [])];

/** Every problem a cluster would have with one environment's rendered objects. */
export function environmentProblems(environment: string, objects: KubeObject[], semantics: KubernetesSemantics): string[] {
  const problems: string[] = [];
  const say = (o: KubeObject, what: string) => problems.push(`${environment}: ${id(o)}: ${what}`);
  const pods = podsOf(objects);
  const inNamespace = (ns: string | undefined) => (p: Pod) => p.namespace === ns;
  const exists = (kind: string, name: string, ns: string | undefined) => objects.some((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === ns);

  for (const o of objects) {
    if (!NAMESPACED_EXCEPT.has(o.kind) && !o.metadata.namespace) say(o, 'has no namespace: `kubectl apply -k` would put it in the current context\'s namespace');
    if (o.kind === 'Service' && !DNS_LABEL.test(o.metadata.name)) say(o, 'name is not an RFC 1035 label; the API server rejects it');
  }

  for (const { owner, labels } of pods) {
    if (owner.kind === 'CronJob' || owner.kind === 'Job') continue;
    const selector = owner.spec?.selector?.matchLabels;
    if (!matches(selector, labels)) say(owner, `selector ${JSON.stringify(selector)} does not match its pod labels ${JSON.stringify(labels)}`);
  }

  for (const o of objects.filter((x) => x.kind === 'Service')) {
    const selector = o.spec?.selector as Record<string, string> | undefined;
    if (!selector) continue;
    // A running Job pod without a readiness probe is Ready: a Service that selects it sends it traffic.
    const jobPod = pods.filter(inNamespace(o.metadata.namespace)).find((p) => matches(selector, p.labels) && p.owner.kind === 'Job');
    if (jobPod) say(o, `selects the pods of ${id(jobPod.owner)}, which would receive its traffic while they run`);
    const selected = pods.filter(inNamespace(o.metadata.namespace)).filter((p) => matches(selector, p.labels) && p.owner.kind !== 'Job');
    if (!selected.length) {
      say(o, `selects no pod (${JSON.stringify(selector)})`);
      continue;
    }
    for (const port of o.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const p of selected) {
        const declared = containersOf(p.spec).flatMap((c: Any) => c.ports ?? []);
        // A numeric targetPort reaches the container whether or not it declares it; a name must be declared.
        if (typeof target === 'string' && !declared.some((d: Any) => d.name === target)) say(o, `targetPort ${target} is not a named port of ${id(p.owner)}'s containers`);
      }
    }
  }

  for (const o of objects.filter((x) => x.kind === 'PodDisruptionBudget')) {
    if (!pods.filter(inNamespace(o.metadata.namespace)).some((p) => matches(o.spec?.selector?.matchLabels, p.labels))) say(o, 'selects no pod');
  }

  for (const o of objects.filter((x) => x.kind === 'NetworkPolicy')) {
    const local = pods.filter(inNamespace(o.metadata.namespace));
    if (!local.some((p) => matches(o.spec?.podSelector?.matchLabels, p.labels))) say(o, 'podSelector selects no pod');
    for (const rule of o.spec?.ingress ?? []) {
      for (const peer of rule.from ?? []) {
        const sel = peer.podSelector?.matchLabels;
        if (sel && !peer.namespaceSelector && !local.some((p) => matches(sel, p.labels))) say(o, `allows traffic from pods ${JSON.stringify(sel)}, which no workload renders`);
      }
    }
  }

  for (const { owner, spec } of pods) {
    const podUser = spec.securityContext ?? {};
    for (const c of containersOf(spec)) {
      const declared = (c.ports ?? []) as Any[];
      for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const probe = c[kind];
        const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
        if (port === undefined) continue;
        const ok = typeof port === 'string' ? declared.some((d) => d.name === port) : declared.some((d) => d.containerPort === port);
        if (!ok) say(owner, `container ${c.name}: ${kind} probes port ${port}, which the container does not declare`);
      }
      const nonRoot = c.securityContext?.runAsNonRoot ?? podUser.runAsNonRoot;
      const uid = c.securityContext?.runAsUser ?? podUser.runAsUser;
      if (nonRoot === true && typeof uid !== 'number' && !semantics.unknownUsers.has(serviceOf(owner))) {
        say(owner, `container ${c.name}: runAsNonRoot without a numeric runAsUser; the kubelet refuses an image whose USER is a name`);
      }
      if (typeof uid === 'number' && uid !== 0 && (c.securityContext?.runAsGroup ?? podUser.runAsGroup) === undefined) {
        say(owner, `container ${c.name}: runAsUser ${uid} without runAsGroup; the primary group may be 0 (root)`);
      }
      for (const from of c.envFrom ?? []) {
        const name = from.configMapRef?.name;
        if (name && !from.configMapRef.optional && !exists('ConfigMap', name, owner.metadata.namespace)) say(owner, `container ${c.name} reads ConfigMap ${name}, which is not rendered`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.configMapKeyRef;
        if (ref && !ref.optional && !exists('ConfigMap', ref.name, owner.metadata.namespace)) say(owner, `container ${c.name} reads ConfigMap ${ref.name}, which is not rendered`);
      }
    }
    for (const v of spec.volumes ?? []) {
      if (v.configMap && !v.configMap.optional && !exists('ConfigMap', v.configMap.name, owner.metadata.namespace)) say(owner, `volume ${v.name} mounts ConfigMap ${v.configMap.name}, which is not rendered`);
      const claim = v.persistentVolumeClaim?.claimName;
      if (claim && !exists('PersistentVolumeClaim', claim, owner.metadata.namespace)) say(owner, `volume ${v.name} mounts claim ${claim}, which is not rendered`);
      // A projected key the ConfigMap lacks fails the pod at start (`files:` mounts each with items).
      const data = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === v.configMap?.name && o.metadata.namespace === owner.metadata.namespace)?.data ?? {};
      for (const item of (v.configMap?.items ?? []) as Any[]) if (!(item.key in data)) say(owner, `volume ${v.name} projects key ${item.key}, which ConfigMap ${v.configMap.name} does not have`);
    }
    // A subPath of a ConfigMap volume with items names one of its paths; anything else mounts an empty directory.
    for (const c of containersOf(spec)) {
      for (const m of (c.volumeMounts ?? []) as Any[]) {
        const items = (spec.volumes ?? []).find((v: Any) => v.name === m.name)?.configMap?.items as Any[] | undefined;
        if (m.subPath && items && !items.some((i) => i.path === m.subPath)) say(owner, `container ${c.name} mounts ${m.subPath} of volume ${m.name} at ${m.mountPath}, which the volume does not project`);
      }
    }
  }

  // The grace period counts from the start of the preStop hook: a sleep as long as it leaves the
  // process no time after the stop signal (the kubelet kills it when the period runs out).
  for (const { owner, spec } of pods) {
    const grace = spec.terminationGracePeriodSeconds ?? 30;
    for (const c of containersOf(spec)) {
      const sleep = c.lifecycle?.preStop?.sleep?.seconds;
      if (typeof sleep === 'number' && sleep >= grace) say(owner, `container ${c.name}: preStop sleeps ${sleep}s of a ${grace}s grace period, leaving the process no time after the stop signal`);
    }
  }

  // Kubernetes refuses a rolling update that may neither add a pod nor take one away.
  for (const o of objects.filter((x) => x.kind === 'Deployment')) {
    const rolling = o.spec?.strategy?.rollingUpdate;
    const zero = (v: unknown) => v === 0 || v === '0%';
    if (rolling && zero(rolling.maxSurge) && zero(rolling.maxUnavailable)) say(o, 'maxSurge and maxUnavailable are both 0: the API server refuses the Deployment');
    if (rolling && o.spec?.strategy?.type === 'Recreate') say(o, 'Recreate with rollingUpdate settings: the API server refuses the Deployment');
  }

  for (const o of objects.filter((x) => x.kind === 'HorizontalPodAutoscaler')) {
    const ref = o.spec?.scaleTargetRef ?? {};
    if (!exists(ref.kind, ref.name, o.metadata.namespace)) say(o, `scales ${ref.kind}/${ref.name}, which is not rendered`);
  }

  const routes = new Map<string, string>();
  const tlsSecretOfHost = new Map<string, string>();
  for (const o of objects.filter((x) => x.kind === 'Ingress')) {
    for (const rule of o.spec?.rules ?? []) {
      if (rule.host !== undefined && !HOST.test(rule.host)) say(o, `host ${JSON.stringify(rule.host)} is not a valid DNS name; the API server rejects it`);
      for (const path of rule.http?.paths ?? []) {
        const key = `${o.metadata.namespace} ${rule.host ?? '*'}${path.path ?? '/'}`;
        const other = routes.get(key);
        if (other) say(o, `routes ${rule.host ?? '*'}${path.path ?? '/'}, which ${other} routes too`);
        else routes.set(key, id(o));
        const backend = path.backend?.service;
        if (!backend) continue;
        const service = objects.find((s) => s.kind === 'Service' && s.metadata.name === backend.name && s.metadata.namespace === o.metadata.namespace);
        if (!service) say(o, `sends ${rule.host}${path.path} to Service ${backend.name}, which is not rendered`);
        else if (!(service.spec?.ports ?? []).some((p: Any) => (backend.port?.name !== undefined ? p.name === backend.port.name : p.port === backend.port?.number))) say(o, `sends traffic to a port Service ${backend.name} does not have`);
      }
    }
    for (const tls of o.spec?.tls ?? []) {
      for (const host of tls.hosts ?? []) {
        if (!HOST.test(host)) say(o, `TLS host ${JSON.stringify(host)} is not a valid DNS name`);
        const seen = tlsSecretOfHost.get(host);
        if (seen && seen !== tls.secretName) say(o, `host ${host} has two TLS secrets (${seen}, ${tls.secretName}): two certificates for one host`);
        tlsSecretOfHost.set(host, tls.secretName);
      }
    }
  }
  return problems;
}

/** Problems across environments: two environments must not write into one namespace. */
export function crossEnvironmentProblems(rendered: Map<string, KubeObject[]>, semantics: KubernetesSemantics): string[] {
  if (semantics.sharedNamespace) return [];
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const [environment, objects] of rendered) {
    for (const ns of new Set(objects.map((o) => o.metadata.namespace).filter((n): n is string => !!n))) {
      const other = owner.get(ns);
      if (other && other !== environment) problems.push(`environments ${other} and ${environment} both apply to namespace ${ns}: one overwrites the other's objects`);
      owner.set(ns, environment);
    }
  }
  return problems;
}

export function kubernetesSemanticProblems(rendered: Map<string, KubeObject[]>, semantics: KubernetesSemantics): string[] {
  return [...[...rendered].flatMap(([env, objects]) => environmentProblems(env, objects, semantics)), ...crossEnvironmentProblems(rendered, semantics)];
}
