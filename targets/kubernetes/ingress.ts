// A public service's Ingress: a rule per endpoint, each its host with the service's path (from the
// model; validate refuses two services on one host and path), the served port as the backend, the
// IngressClass from the options, TLS from each host's Secret `<host>-tls` (one certificate per host),
// which every Ingress on that host shares. With an issuer, only the first Ingress on a host asks
// cert-manager for its certificate: cert-manager makes a Certificate per TLS entry of an annotated
// Ingress and refuses to let a second Ingress own the same one
// (https://github.com/cert-manager/cert-manager/issues/2585), so an annotated Ingress lists only the
// hosts it is the first on, and the controller serves the others with the Secret the first one
// names. A port the Service lacks, a host without a domain and redirects are capability gaps,
// reported before rendering.
import type { DeployedService } from '../../src/deploy/model.js';
import type { RenderEnv } from './environment.js';
import { objectLabels } from './labels.js';
import { rendered, type Rendered } from './objects.js';
import { tlsSecretName } from './options.js';
import { serviceComponent } from './deployment.js';

export function ingress(service: DeployedService, env: RenderEnv): Rendered | undefined {
  if (!service.endpoints.length) return undefined;
  const { className, tls, issuer } = env.options.ingress;
  const hosts = service.endpoints.map((e) => e.host);
  const owned = hosts.filter((host) => env.services.find((s) => s.endpoints.some((e) => e.host === host)) === service);
  const requestsCertificate = issuer && tls && owned.length > 0;
  const rules = service.endpoints.map((endpoint) => ({
    host: endpoint.host,
    http: { paths: [{ path: endpoint.path, pathType: 'Prefix', backend: { service: { name: service.name, port: { number: service.servedPort ?? endpoint.port } } } }] },
  }));
  const tlsHosts = requestsCertificate ? owned : hosts;
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
        ...(tls ? { tls: tlsHosts.map((host) => ({ hosts: [host], secretName: tlsSecretName(host) })) } : {}),
        rules,
      },
    },
    [],
    // Its certificate Secret is not a key of the stack's Secret (facts name those), so no secret here.
    { services: [service.name] },
  );
}
