// `${services.X.*}` and `${resources.X.*}` as Kubernetes sees them: in-cluster DNS names for what
// runs here, and Secret keys for anything that carries a credential. A value is a list of
// segments so env.ts can tell plain text (ConfigMap) from secret parts (secretKeyRef, `$(VAR)`).
import { connectionUrl, defaultResourceUser, resourceSecretNames } from '../../src/emit/emit-helpers.js';
import type { DataPath, Resource, Service } from '../../src/model/stack.js';
import { references, type Reference, type Template } from '../../src/model/template.js';
import { isDeployedService, type RenderEnv } from './environment.js';
import { findNamed } from '../../src/model/lookup.js';

export type Segment = { kind: 'text'; text: string } | { kind: 'secret'; key: string };

const text = (t: string): Segment => ({ kind: 'text', text: t });

/** A template's value as segments, adjacent text merged. */
export function resolveTemplate(template: Template, env: RenderEnv, at: DataPath): Segment[] {
  const out: Segment[] = [];
  for (const part of template.parts) {
    for (const segment of typeof part === 'string' ? [text(part)] : resolveReference(part, env, at)) {
      const last = out.at(-1);
      if (segment.kind === 'text' && last?.kind === 'text') last.text += segment.text;
      else if (segment.kind !== 'text' || segment.text !== '') out.push({ ...segment });
    }
  }
  return out;
}

function resolveReference(ref: Reference, env: RenderEnv, at: DataPath): Segment[] {
  if (ref.root === 'resources') {
    const resource = findNamed(env.view.resources, ref.name);
    if (resource) return resourceOutput(resource, ref.key);
  } else if (ref.root === 'services') {
    const service = findNamed(env.view.services, ref.name);
    if (service) return [text(serviceOutput(service, ref, env, at))];
  }
  // The loader rejects anything else; keep the text rather than invent a value.
  return [text(ref.text)];
}

// A marker no other part of a URL can contain, split out again after connectionUrl builds it.
const PASSWORD_MARK = '\u0000password\u0000';

function resourceOutput(resource: Resource, key: string): Segment[] {
  const keys = resourceSecretNames(resource);
  // An external resource offers only its URL, from the Secret (the loader enforces it).
  if (resource.external) return [{ kind: 'secret', key: keys.url }];
  switch (key) {
    case 'host':
      return [text(resource.name)];
    case 'port':
      return [text(String(resource.port))];
    case 'user':
      return [text(defaultResourceUser(resource))];
    case 'database':
      return [text(resource.database ?? '')];
    case 'password':
      return [{ kind: 'secret', key: keys.password }];
    case 'url': {
      const url = connectionUrl(resource, { host: resource.name, port: String(resource.port), user: defaultResourceUser(resource), password: PASSWORD_MARK, database: resource.database ?? '' });
      const [before, after] = url.split(PASSWORD_MARK) as [string, string?];
      // Types without credentials (redis) have no password in their URL: it is plain text.
      return after === undefined ? [text(url)] : [text(before), { kind: 'secret', key: keys.password }, text(after)];
    }
    default:
      return [text('')];
  }
}

/** `https://api.shop.example/api`; the path is left out when it is `/`. */
export function publicUrl(service: Service, env: RenderEnv): string | undefined {
  if (!service.public) return undefined;
  // Services this target serves use its TLS setting; others (a static site on a CDN) are HTTPS.
  const scheme = isDeployedService(env, service.name) && !env.options.ingress.tls ? 'http' : 'https';
  return `${scheme}://${service.public.host}${service.public.path === '/' ? '' : service.public.path}`;
}

function serviceOutput(service: Service, ref: Reference, env: RenderEnv, at: DataPath): string {
  const port = String(service.ports[0]?.container ?? 80);
  if (ref.key === 'public_url') {
    const url = publicUrl(service, env);
    if (url) return url;
    env.report({
      severity: 'warning',
      code: 'kubernetes/not-public',
      message: `\`${ref.text}\`: \`${service.name}\` is not public in environment \`${env.view.environment.name}\`, so it has no public URL; stackc writes its in-cluster URL`,
      path: at,
      hint: `make \`${service.name}\` public in \`${env.view.environment.name}\`, or use \`\${services.${service.name}.url}\``,
    });
    return `http://${service.name}:${port}`;
  }
  if (!isDeployedService(env, service.name)) {
    const why = service.kind === 'static' ? 'is a static site' : 'is not in `targets.kubernetes.services`';
    env.report({
      severity: 'warning',
      code: 'kubernetes/service-not-deployed',
      message: `\`${ref.text}\`: \`${service.name}\` ${why}, so the kubernetes target does not run it and the in-cluster name \`${service.name}\` will not resolve`,
      path: at,
      hint: service.public ? `use \`\${services.${service.name}.public_url}\`` : `run \`${service.name}\` with this target, or point the variable elsewhere`,
    });
  }
  if (ref.key === 'host') return service.name;
  if (ref.key === 'port') return port;
  return `http://${service.name}:${port}`;
}

/** Resources a service needs: named in `depends_on` or in an env reference. */
export function resourcesUsedBy(service: Service): string[] {
  const names = new Set<string>();
  for (const d of service.dependsOn) if (d.kind === 'resource') names.add(d.name);
  for (const v of service.env) for (const r of references(v.value)) if (r.root === 'resources') names.add(r.name);
  return [...names];
}
