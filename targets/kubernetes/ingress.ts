// A public service's Ingress: its endpoint's host and path (from the model; validate refuses two
// services on one host and path), the served port as the backend, the IngressClass from the options,
// TLS from the host's Secret `<host>-tls`, which every Ingress on that host shares. With an issuer,
// only the first Ingress on a host asks cert-manager for the certificate: cert-manager makes one
// Certificate per annotated Ingress and refuses to let a second Ingress own the same one
// (https://github.com/cert-manager/cert-manager/issues/2585). A port the Service lacks and a host
// without a domain are capability gaps, reported before rendering.
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
  const requestsCertificate = issuer && tls && env.services.find((s) => s.endpoints[0]?.host === endpoint.host) === service;
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
        ...(requestsCertificate ? { annotations: { 'cert-manager.io/cluster-issuer': issuer } } : {}),
      },
      spec: {
        ...(className ? { ingressClassName: className } : {}),
        ...(tls ? { tls: [{ hosts: [endpoint.host], secretName: tlsSecretName(endpoint.host) }] } : {}),
        rules: [rule],
      },
    },
    [],
    // Its certificate Secret is not a key of the stack's Secret (facts name those), so no secret here.
    { services: [service.name] },
  );
}
