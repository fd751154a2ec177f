// One stack, built to every target: each resolves `${services.api.port}`, `.url`, `.public_url` and
// `${resources.db.host}` the same way (the deployment model's main port, served port and endpoint;
// src/deploy/references.ts), spelled in its own platform's terms, or lists the value for the user to
// set with the reason its platform differs. Read back from the generated files, as a user would.
import { parse as parseToml } from 'smol-toml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { BUILTIN_TARGETS } from '../../src/emit/registry.js';
import { markBuiltin, renderArtifacts, type RenderResult } from '../../src/emit/render.js';
import { loadStackText } from '../../src/load/load-stack.js';

markBuiltin(BUILTIN_TARGETS);

const STACK = `stack: 1
name: shop
environments:
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/acme/api:1.4.2
    ports: [9000, 8000]                 # main port 9000, served port 8000
    public: { host: "api.\${environment.domain}", port: 8000 }
    healthcheck: { http: /health }
    user: 1000
  caller:
    image: ghcr.io/acme/caller:2.0.0
    ports: [7000]
    user: 1000
    env:
      API_PORT: \${services.api.port}
      API_URL: \${services.api.url}
      API_PUBLIC: \${services.api.public_url}
      DB_HOST: \${resources.db.host}
  web:
    static: { root: ./web, framework: vite }
    env:
      VITE_API_PUBLIC: \${services.api.public_url}
      VITE_API_PORT: \${services.api.port}
      VITE_DB_HOST: \${resources.db.host}
resources:
  db: { type: postgres }
ci:
  services: [db]
  steps: { test: npm test }
targets:
  compose: {}
  kubernetes: { ingress: { tls: true } }
  fly: { region: fra }
  railway: {}
  vercel: {}
  github-actions: {}
`;

let built: RenderResult;
const file = (path: string): string => {
  const a = built.artifacts.find((x) => x.path === path);
  if (!a) throw new Error(`no ${path} among ${built.artifacts.map((x) => x.path).join(', ')}`);
  return a.content;
};
/** `NAME=value` lines of an env file, comments left out. */
const envLines = (text: string): Record<string, string> =>
  Object.fromEntries(text.split('\n').filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

/** What each target makes of the caller's variables: a value, or `undefined` when the user must set it. */
function resolvedBy(): Record<string, Record<string, string | undefined>> {
  const compose = (parseYaml(file('compose.yaml')) as { services: Record<string, { environment: Record<string, string> }> }).services.caller!.environment;
  const kubernetes = (parseYaml(file('deploy/kubernetes/base/configmap-caller-env.yaml')) as { data: Record<string, string> }).data;
  const fly = (parseToml(file('fly.caller.toml')) as { env: Record<string, string> }).env;
  const railway = envLines(file('railway.caller.production.env'));
  const pick = (values: Record<string, string>) => Object.fromEntries(['API_PORT', 'API_URL', 'API_PUBLIC', 'DB_HOST'].map((k) => [k, values[k]]));
  return { compose: pick(compose), kubernetes: pick(kubernetes), fly: pick(fly), railway: pick(railway) };
}

describe('every target resolves references the same way (ports [9000, 8000], public port 8000)', () => {
  beforeAll(() => {
    const loaded = loadStackText(STACK, { file: 'stack.yaml', root: '/project' });
    if (!loaded.stack) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
    built = renderArtifacts(resolveDeployment(loaded.stack).model, BUILTIN_TARGETS, { stackFile: 'stack.yaml' });
  });

  it('${services.api.port} is the main port, 9000, on every platform that can reach it', () => {
    for (const [target, values] of Object.entries(resolvedBy())) expect(values.API_PORT, target).toBe('9000');
  });

  it('${services.api.url} is http://<the platform\'s name for api>:9000', () => {
    expect(resolvedBy()).toMatchObject({
      compose: { API_URL: 'http://api:9000' },
      kubernetes: { API_URL: 'http://api:9000' },
      fly: { API_URL: 'http://shop-api.internal:9000' },
      railway: { API_URL: 'http://${{api.RAILWAY_PRIVATE_DOMAIN}}:9000' },
    });
  });

  it('${services.api.public_url} is the endpoint\'s URL everywhere, the static site on Vercel included', () => {
    for (const [target, values] of Object.entries(resolvedBy())) expect(values.API_PUBLIC, target).toBe('https://api.shop.example');
    expect(file('deploy/vercel/web.md')).toContain('vercel env add VITE_API_PUBLIC production --value https://api.shop.example --yes');
  });

  it('${resources.db.host} is the database\'s name where the target runs it, and a value to set where it cannot know it, saying why', () => {
    expect(resolvedBy()).toMatchObject({ compose: { DB_HOST: 'db' }, kubernetes: { DB_HOST: 'db' }, railway: { DB_HOST: '${{Postgres.PGHOST}}' } });
    // Fly provisions no database from fly.toml: the value is a secret to set, named in the header.
    expect(resolvedBy().fly!.DB_HOST).toBeUndefined();
    expect(file('fly.caller.toml')).toMatch(/^#\s+DB_HOST\s+host name of postgres `db`$/m);
    // Vercel builds outside every private network: the port and the database host are for the user to set.
    expect(file('deploy/vercel/web.md')).toMatch(/vercel env add VITE_API_PORT production\s+# port of `api`, as reachable from Vercel/);
    expect(file('deploy/vercel/web.md')).toMatch(/vercel env add VITE_DB_HOST\s+production\s+# `host` of `db`, as reachable from Vercel/);
  });

  it('GitHub Actions\' test job reaches the database it starts as a service container on the runner, and sets no variable that needs a service', () => {
    const ci = parseYaml(file('.github/workflows/ci.yml')) as { jobs: { test: { env: Record<string, string> } } };
    expect(ci.jobs.test.env).toMatchObject({ DB_HOST: 'localhost', VITE_DB_HOST: 'localhost' });
    for (const name of ['API_PORT', 'API_URL', 'API_PUBLIC']) expect(ci.jobs.test.env, name).not.toHaveProperty(name);
  });

  it('the served port, 8000, is what each platform routes public traffic to', () => {
    expect((parseToml(file('fly.api.toml')) as { http_service: { internal_port: number } }).http_service.internal_port).toBe(8000);
    expect(envLines(file('railway.api.production.env')).PORT).toBe('8000');
    const ingress = parseYaml(file('deploy/kubernetes/base/ingress-api.yaml')) as { spec: { rules: { http: { paths: { backend: { service: { port: { number: number } } } }[] } }[] } };
    expect(ingress.spec.rules[0]!.http.paths[0]!.backend.service.port.number).toBe(8000);
  });

  it('the one reference no platform of the site can reach is warned about once, by the target that cannot', () => {
    const warned = built.problems.filter((p) => /service-not-deployed|not-public/.test(p.code));
    expect(warned.map((p) => [p.target, p.code, p.path?.join('.')])).toEqual([['vercel', 'vercel/service-not-deployed', 'services.web.env.VITE_API_PORT']]);
  });
});

describe('a public service on no domain, run by one target: the others say so once each, in the same words', () => {
  it('warns (or notes) `<target>/service-not-deployed` from the shared resolver, never silently writes an address', () => {
    const loaded = loadStackText(
      `stack: 1
name: shop
services:
  api:
    image: ghcr.io/acme/api:1.4.2
    ports: [9000]
    public: true
    user: 1000
  caller:
    image: ghcr.io/acme/caller:2.0.0
    user: 1000
    env:
      API_PUBLIC: \${services.api.public_url}
targets:
  compose: { services: [caller] }
  kubernetes: { services: [caller] }
  fly: { services: [api] }
  railway: { services: [caller] }
`,
      { file: 'stack.yaml', root: '/project' },
    );
    const result = renderArtifacts(resolveDeployment(loaded.stack!).model, BUILTIN_TARGETS, { stackFile: 'stack.yaml' });
    const said = result.problems.filter((p) => p.path?.join('.') === 'services.caller.env.API_PUBLIC');
    expect(said.map((p) => [p.code, p.severity])).toEqual([
      ['compose/service-not-deployed', 'info'],
      ['kubernetes/service-not-deployed', 'warning'],
      ['railway/service-not-deployed', 'warning'],
    ]);
    for (const p of said) expect(p.message).toMatch(/^`API_PUBLIC` of `caller` refers to `\$\{services\.api\.public_url\}`, but environment `development` has no domain and `api` is not among the services (Compose|the \w+ target) runs, so it has no public address here; /);
  });
});
