// A public service's Ingress: its endpoint's host and path (from the model), the served port as the
// backend, the IngressClass from the options, TLS from the Secret `<service>-tls`, made by
// cert-manager when an issuer is set. A port the Service lacks and a host without a domain are
// capability gaps, reported before rendering.
import type { DeployedService } from '../../src/deploy/model.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { tlsSecretName } from './options.js';
import { serviceComponent } from './deployment.js';

export function ingress(service: DeployedService, env: RenderEnv): Rendered | undefined {
  const endpoint = service.endpoints[0];
  if (!endpoint) return undefined;
  const { className, tls, issuer } = env.options.ingress;
  const rule = {
    host: endpoint.host,
    http: { paths: [{ path: endpoint.path, pathType: 'Prefix', backend: { service: { name: service.name, port: { number: service.servedPort ?? endpoint.port } } } }] },
  };
  return rendered(
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: service.name,
        labels: objectLabels(env.stack.name, service.name, serviceComponent(service)),
        ...(issuer && tls ? { annotations: { 'cert-manager.io/cluster-issuer': issuer } } : {}),
      },
      spec: {
        ...(className ? { ingressClassName: className } : {}),
        ...(tls ? { tls: [{ hosts: [endpoint.host], secretName: tlsSecretName(service.name) }] } : {}),
        rules: [rule],
      },
    },
    [],
    // Its certificate Secret is not a key of the stack's Secret (facts name those), so no secret here.
    { services: [service.name] },
  );
}
