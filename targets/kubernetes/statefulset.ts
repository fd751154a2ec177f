// A backing service (postgres, redis, ...) as a single-replica StatefulSet with its own volume
// (volumeClaimTemplates), a headless Service named after it (`db:5432`), and a NetworkPolicy that
// admits only the services using it. Credentials come from the Secret the user creates; the
// first-start script creating the application user (src/emit/app-user.ts) from a ConfigMap.
import { appUserScript, INITDB_DIR } from '../../src/emit/app-user.js';
import { compact } from '../../src/emit/serialize/yaml.js';
import { RESOURCE_KINDS } from '../../src/model/resource-types.js';
import type { Resource } from '../../src/model/stack.js';
import { containerResourceUser } from '../../src/deploy/image-user.js';
import { backingImage, passwordKey, type FromSecret } from './backing-images.js';
import { containerSecurityContext, podSecurityContext } from './security.js';
import type { RenderEnv } from './environment.js';
import { escapeCommand, escapeExpansion } from './expansion.js';
import { objectLabels, selectorLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { secretName } from './options.js';
import { clusterService } from './service.js';

const portName = (resource: Resource): string => RESOURCE_KINDS[resource.type].scheme;

export function statefulSet(resource: Resource, env: RenderEnv): Rendered {
  const spec = backingImage(resource);
  const container = resource.type === 'container';
  // A container resource keeps data only where it says (`volume`).
  const keepsData = !container || resource.container?.volume !== undefined;
  const secret = secretName(env.stack);
  const { uid, gid } = spec;
  const selector = selectorLabels(env.stack.name, resource.name);
  const labels = objectLabels(env.stack.name, resource.name, resource.type);
  const keys: string[] = [];
  const fromSecret: FromSecret = (name, which) => {
    const key = typeof which === 'string' ? passwordKey(resource, which) : which.key;
    if (!keys.includes(key)) keys.push(key);
    return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
  };
  const vars = spec.env(resource, fromSecret).map((v) => ('value' in v ? { name: v.name, value: escapeExpansion(v.value) } : v));
  const handler = container ? { tcpSocket: { port: portName(resource) } } : { exec: { command: escapeCommand(spec.probe(resource)) } };
  const runAs = container ? containerResourceUser(resource) : undefined;
  const scratch = spec.readOnlyRoot ? spec.scratch : [];
  const init = appUserScript(resource);

  const mounts = [
    ...(keepsData ? [compact({ name: 'data', mountPath: spec.dataPath, subPath: spec.dataSubPath })] : []),
    ...scratch.map((s) => ({ name: s.name, mountPath: s.path })),
    ...(init ? [{ name: 'app-user', mountPath: INITDB_DIR, readOnly: true }] : []),
  ];
  const main = compact({
    name: resource.name,
    image: resource.image,
    args: spec.args,
    ports: [{ name: portName(resource), containerPort: resource.port, protocol: 'TCP' }],
    env: vars.length ? vars : undefined,
    // stack.yaml has no compute settings for resources: request enough to schedule sensibly and
    // set no limit, so a database is never OOM-killed by a guessed number.
    resources: { requests: { cpu: '100m', memory: spec.memoryRequest } },
    // First start initialises the data directory, which can take minutes on slow disks.
    startupProbe: { ...handler, periodSeconds: 10, timeoutSeconds: spec.probeTimeout, failureThreshold: 30 },
    readinessProbe: { ...handler, periodSeconds: 10, timeoutSeconds: spec.probeTimeout, failureThreshold: 3 },
    livenessProbe: { ...handler, periodSeconds: 20, timeoutSeconds: spec.probeTimeout, failureThreshold: 6 },
    securityContext: runAs ? containerSecurityContext(false, runAs) : { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: spec.readOnlyRoot, capabilities: { drop: ['ALL'] } },
    volumeMounts: mounts.length ? mounts : undefined,
  });
  const volumes = [...scratch.map((s) => ({ name: s.name, emptyDir: {} })), ...(init ? [{ name: 'app-user', configMap: { name: appUserConfigMapName(resource) } }] : [])];

  return rendered(
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: compact({
        name: resource.name,
        labels,
        annotations: resource.description ? { 'kubernetes.io/description': resource.description } : undefined,
      }),
      spec: {
        replicas: 1,
        serviceName: resource.name,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: compact({
            automountServiceAccountToken: false,
            // A Service named `rabbitmq` would otherwise inject RABBITMQ_PORT=tcp://..., which the image reads as its own setting.
            enableServiceLinks: false,
            securityContext: runAs ? podSecurityContext(runAs) : { runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' } },
            containers: [main],
            volumes: volumes.length ? volumes : undefined,
          }),
        },
        ...(keepsData
          ? {
              volumeClaimTemplates: [
                {
                  metadata: { name: 'data', labels: selector },
                  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: resource.storage } } },
                },
              ],
            }
          : {}),
      },
    },
    [
      ...(keys.length ? [`${resource.type === 's3' ? 'The access and secret keys are the keys' : resource.type === 'container' ? (keys.length > 1 ? 'Its secret outputs are the keys' : 'Its secret output is the key') : keys.length > 1 ? 'The passwords are the keys' : 'The password is the key'} ${keys.join(' and ')} of the Secret ${secret}, which you create.`] : []),
      ...(init ? [`On first start (an empty volume) ${appUserConfigMapName(resource)} creates the user services connect as; the image's superuser is for admin use.`] : []),
      ...(keepsData
        ? [
            'Kubernetes cannot change volumeClaimTemplates of an existing StatefulSet: to grow `storage`, resize the PVC',
            `data-${resource.name}-0 (if its storage class allows expansion), then recreate this StatefulSet with --cascade=orphan.`,
          ]
        : []),
      ...(runAs?.kind === 'unknown' ? [`stackc cannot see who ${resource.image} runs as: the pod starts only if it is a non-root numeric USER (set \`user:\` otherwise).`] : []),
    ],
    { images: [resource.image], secrets: keys },
  );
}

const appUserConfigMapName = (resource: Resource): string => `${resource.name}-app-user`;

/** The first-start script creating the application user, mounted into INITDB_DIR (postgres, mongodb). */
export function appUserConfigMap(resource: Resource, env: RenderEnv): Rendered | undefined {
  const script = appUserScript(resource);
  if (!script) return undefined;
  return rendered({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: appUserConfigMapName(resource), labels: objectLabels(env.stack.name, resource.name, resource.type) },
    data: { [script.file]: script.content },
  });
}

export function headlessService(resource: Resource, env: RenderEnv): Rendered {
  return clusterService({
    name: resource.name,
    stack: env.stack.name,
    component: resource.type,
    ports: [{ name: portName(resource), containerPort: resource.port, protocol: 'TCP' }],
    headless: true,
  });
}

/** Only the pods of the services that use the resource (`consumers`, by name) may connect to it. */
export function networkPolicy(resource: Resource, consumers: readonly string[], env: RenderEnv): Rendered {
  return rendered({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: resource.name, labels: objectLabels(env.stack.name, resource.name, resource.type) },
    spec: {
      podSelector: { matchLabels: selectorLabels(env.stack.name, resource.name) },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              podSelector: {
                matchLabels: { 'app.kubernetes.io/part-of': env.stack.name },
                matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: [...consumers] }],
              },
            },
          ],
          ports: [{ protocol: 'TCP', port: resource.port }],
        },
      ],
    },
  });
}
