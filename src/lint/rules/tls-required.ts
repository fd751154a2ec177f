import type { DataPath } from '../../model/stack.js';
import { defineRule } from '../rule.js';
import { isObj } from './support/workloads.js';

/** Whether `host` is the environment's domain or a name under it. */
const underDomain = (host: string, domain: string): boolean => {
  const h = host.toLowerCase();
  const d = domain.toLowerCase();
  return h === d || h.endsWith(`.${d}`);
};

export default defineRule({
  meta: {
    id: 'tls-required',
    description: 'Public endpoints of environments with a domain are served over HTTPS, and the stack links to them with https:// URLs.',
    category: 'security',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: 'Over plain HTTP, session cookies, API tokens and passwords cross the internet readable and rewritable by anyone on the path, and browsers mark the site as not secure (and block an HTTPS page from calling it). An environment with a real `domain` is reachable from the internet, so it needs TLS. Fly, Railway and Vercel terminate TLS themselves and are not checked; the Kubernetes target serves HTTPS only with `ingress.tls: true`.',
      fix: 'Set `targets.kubernetes.ingress.tls: true` (with `issuer: <ClusterIssuer>` to have cert-manager create the certificate), and write URLs of the environment\'s domain as `https://…` (or use `${services.<name>.public_url}`, which follows the target\'s TLS setting). Compose does not terminate TLS at all: its build output already says to put a reverse proxy (Caddy, Traefik) in front, which is not checked here because stackc cannot see one running on the host.',
      bad: 'environments:\n  production: { domain: shop.example }\nservices:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    public: { host: "api.${environment.domain}" }\n    env: { FRONTEND_URL: "http://${environment.domain}" }\ntargets:\n  kubernetes: { ingress: { class: nginx } }',
      good: 'environments:\n  production: { domain: shop.example }\nservices:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    public: { host: "api.${environment.domain}" }\n    env: { FRONTEND_URL: "https://${environment.domain}" }\ntargets:\n  kubernetes: { ingress: { class: nginx, tls: true, issuer: letsencrypt } }',
      whenOff: 'When TLS is terminated in front of the cluster (a cloud load balancer with its own certificate) and the Ingress is reached only through it.',
    },
    peers: ['Polaris tlsSettingsMissing'],
    securitySeverity: 6.5,
  },
  state: (ctx) => {
    const kubernetes = ctx.stack.targets.find((t) => t.name === 'kubernetes');
    return {
      kubernetes,
      plan: kubernetes && ctx.plans().find((p) => p.name === 'kubernetes'),
      ingress: isObj(kubernetes?.options.ingress) ? kubernetes.options.ingress : undefined,
      plain: [] as { service: string; host: string; environment: string }[],
      urls: new Map<string, { name: string; service: string; path: DataPath; urls: string[] }>(),
    };
  },
  service(ctx, { service, environment }) {
    const domain = environment.domain;
    if (!domain || environment.role === 'development') return;
    const { plan, ingress, plain, urls } = ctx.state;
    // `http://` URLs of the environment's own domain written into env values (mixed content, cookies in clear).
    for (const v of service.env) {
      const text = v.value.parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
      const m = [...text.matchAll(/http:\/\/([A-Za-z0-9.-]+)/g)].find((x) => underDomain(x[1]!, domain));
      if (!m) continue;
      const key = JSON.stringify([service.name, v.path]);
      const entry = urls.get(key) ?? { name: v.name, service: service.name, path: v.path, urls: [] };
      entry.urls.push(`http://${m[1]} in \`${environment.name}\``);
      urls.set(key, entry);
    }
    // Public addresses the Ingress serves without TLS (an address on localhost reaches no one).
    if (!plan || ingress?.tls === true || !plan.runs(environment.name, service.name)) return;
    for (const e of service.endpoints) if (e.routable) plain.push({ service: service.name, host: e.address, environment: environment.name });
  },
  check(ctx) {
    const { kubernetes, ingress, plain, urls } = ctx.state;
    if (kubernetes && plain.length) {
      const at: { path: DataPath; key?: boolean } =
        ingress && 'tls' in ingress ? { path: [...kubernetes.path, 'ingress', 'tls'] } : ingress ? { path: [...kubernetes.path, 'ingress'], key: true } : { path: kubernetes.path, key: true };
      const byService = new Map<string, string[]>();
      for (const p of plain) byService.set(p.service, [...(byService.get(p.service) ?? []), `http://${p.host} in \`${p.environment}\``]);
      const endpoints = [...byService].map(([service, where]) => `\`${service}\` (${where.join(', ')})`);
      ctx.report({
        message: `the kubernetes Ingress serves ${endpoints.join(' and ')} over plain HTTP: \`ingress.tls\` is ${ingress && 'tls' in ingress ? 'off' : 'not set'}`,
        at,
        hint: 'set `ingress: { tls: true, issuer: <cert-manager ClusterIssuer> }` under `targets.kubernetes` (without an issuer, create the `<service>-tls` Secrets yourself)',
      });
    }

    for (const { name, service, path, urls: found } of urls.values()) {
      ctx.report({
        message: `\`${name}\` of service \`${service}\` is a public address without TLS: ${found.join(', ')}`,
        at: { path },
        hint: 'write `https://`, or use `${services.<name>.public_url}`, which follows the target\'s TLS setting',
      });
    }
  },
});
