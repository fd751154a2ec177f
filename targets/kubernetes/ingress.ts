// A public service's Ingress: its host and path, the IngressClass from the options, TLS from the
// Secret `<service>-tls`, made by cert-manager when an issuer is set.
import type { Service } from '../../src/model/stack.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { tlsSecretName } from './options.js';
import { serviceComponent } from './deployment.js';

export function ingress(service: Service, env: RenderEnv): Rendered | undefined {
  const pub = service.public;
  if (!pub) return undefined;
  const { className, tls, issuer } = env.options.ingress;
  if (!service.ports.some((p) => p.container <= pub.port && pub.port <= p.containerEnd)) {
    env.report({
      severity: 'warning',
      code: 'kubernetes/public-port',
      message: `\`${service.name}\` is public on port ${pub.port}, which is not one of its \`ports\`; the Service does not expose it, so the Ingress has no backend`,
      path: pub.at,
      hint: `add ${pub.port} to \`ports\`, or set \`public.port\` to one of them`,
    });
  }
  if (pub.host === 'localhost' || pub.host.endsWith('.localhost')) {
    env.report({
      severity: 'info',
      code: 'kubernetes/no-domain',
      message: `\`${service.name}\`'s Ingress serves the host \`${pub.host}\` in environment \`${env.view.environment.name}\`, which has no \`domain\` (fine for kind or Docker Desktop, not for a shared cluster)`,
      path: env.view.environment.path.length ? env.view.environment.path : pub.at,
      hint: `give \`${env.view.environment.name}\` a \`domain\``,
    });
  }
  const rule = {
    host: pub.host,
    http: { paths: [{ path: pub.path, pathType: 'Prefix', backend: { service: { name: service.name, port: { number: pub.port } } } }] },
  };
  return rendered({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: service.name,
        namespace: env.options.namespace,
        labels: objectLabels(env.stack.name, service.name, serviceComponent(service)),
        ...(issuer && tls ? { annotations: { 'cert-manager.io/cluster-issuer': issuer } } : {}),
      },
      spec: {
        ...(className ? { ingressClassName: className } : {}),
        ...(tls ? { tls: [{ hosts: [pub.host], secretName: tlsSecretName(service.name) }] } : {}),
        rules: [rule],
      },
  });
}
