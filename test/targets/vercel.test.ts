import { buildsSchema, functionsSchema } from '@vercel/build-utils';
import type { Framework, VercelConfig } from '@vercel/config/v1/types';
import { cleanUrlsSchema, getTransformedRoutes, headersSchema, redirectsSchema, rewritesSchema, routesSchema, trailingSlashSchema } from '@vercel/routing-utils';
import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planTarget } from '../../src/deploy/placement.js';
import { capabilityGaps, declaredCodes, gapFinder } from '../../src/emit/capabilities.js';
import type { Artifact, BuildProblem, EmitContext } from '../../src/emit/target.js';
import type { Stack } from '../../src/model/stack.js';
import capabilities from '../../targets/vercel/capabilities.js';
import { FRAMEWORKS } from '../../targets/vercel/frameworks.js';
import vercel from '../../targets/vercel/index.js';
import type { VercelJson } from '../../targets/vercel/vercel-json.js';
import { loadOk, root, stackYaml } from '../helpers.js';
import { allServices, emitContext, loadFixture, emitTarget } from './context.js';

// ---------------------------------------------------------------------------------------------
// Validation: what the Vercel CLI itself checks vercel.json with

/** `crons` as the CLI's validate-config.ts defines it (no package exports it): a path from `/`, a schedule string. */
const CLI_CRONS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['path', 'schedule'],
    properties: { path: { type: 'string', minLength: 1, maxLength: 512, pattern: '^/.*' }, schedule: { type: 'string', minLength: 9, maxLength: 256 } },
  },
};

/** The schema the Vercel CLI validates vercel.json with (packages/cli/src/util/validate-config.ts). */
let cliSchema: ValidateFunction | undefined;
function cliProblems(config: unknown): string[] {
  if (!cliSchema) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    cliSchema = ajv.compile({
      type: 'object',
      additionalProperties: true,
      properties: { builds: buildsSchema, routes: routesSchema, cleanUrls: cleanUrlsSchema, headers: headersSchema, redirects: redirectsSchema, rewrites: rewritesSchema, trailingSlash: trailingSlashSchema, functions: functionsSchema, crons: CLI_CRONS_SCHEMA },
    });
  }
  return cliSchema(config) ? [] : (cliSchema.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/**
 * Every key of vercel.json, from @vercel/config's VercelConfig (generated from Vercel's official
 * schema): `satisfies` fails to compile when the list misses a key or has one too many.
 */
const VERCEL_KEYS = {
  alias: true, build: true, builds: true, cleanUrls: true, env: true, passiveRegions: true, functionFailoverRegions: true, functions: true, git: true, github: true,
  headers: true, images: true, name: true, redirects: true, bulkRedirectsPath: true, regions: true, rewrites: true, routes: true, scope: true, trailingSlash: true,
  version: true, wildcard: true, buildCommand: true, ignoreCommand: true, devCommand: true, framework: true, installCommand: true, outputDirectory: true, crons: true,
  schedules: true, relatedProjects: true, fluid: true, bunVersion: true, experimentalServices: true, experimentalServiceGroups: true,
} as const satisfies Record<keyof VercelConfig, true>;

// Compile-time: the keys stackc writes have VercelConfig's types, and every framework slug is one of Vercel's.
type Assignable<A, B> = A extends B ? true : false;
const typesMatch: Assignable<Omit<VercelJson, '$schema' | 'framework'>, VercelConfig> = true;
const slugs: readonly Framework[] = Object.values(FRAMEWORKS).map((f) => f.slug);

/** The checks every generated vercel.json passes. */
function checkVercelJson(a: Artifact): VercelJson {
  const json = JSON.parse(a.content) as VercelJson;
  expect(a.content).toBe(`${JSON.stringify(json, null, 2)}\n`);
  expect(json.$schema).toBe('https://openapi.vercel.sh/vercel.json');
  for (const key of Object.keys(json)) if (key !== '$schema') expect(Object.keys(VERCEL_KEYS), `${a.path}: ${key}`).toContain(key);
  expect({ path: a.path, problems: cliProblems(json) }).toEqual({ path: a.path, problems: [] });
  // The CLI turns redirects, rewrites and headers into routes; an invalid source pattern is an error there.
  const routes = getTransformedRoutes({ ...(json.redirects ? { redirects: json.redirects } : {}), ...(json.rewrites ? { rewrites: json.rewrites } : {}), ...(json.headers ? { headers: json.headers } : {}), ...(json.cleanUrls !== undefined ? { cleanUrls: json.cleanUrls } : {}), ...(json.trailingSlash !== undefined ? { trailingSlash: json.trailingSlash } : {}) });
  expect({ path: a.path, error: routes.error }).toEqual({ path: a.path, error: null });
  return json;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Runs the target as `stackc build` does; a `services` override filters the plan as `targets.vercel.services` would. */
function build(stack: Stack, overrides: Partial<EmitContext> = {}) {
  const ctx = emitContext(stack, 'vercel', overrides);
  if (overrides.services && !overrides.plan) ctx.plan = planTarget(ctx.model, { ...ctx.plan.config, services: overrides.services }, capabilities.runs);
  const { problems } = ctx;
  const artifacts = emitTarget(vercel, ctx);
  // Every code the target reports is declared in its capabilities.
  const declared = declaredCodes(capabilities);
  for (const p of problems) expect(declared.has(p.code), p.code).toBe(true);
  const file = (path: string) => {
    const a = artifacts.find((x) => x.path === path);
    if (!a) throw new Error(`no ${path} among ${artifacts.map((x) => x.path).join(', ')}`);
    return a.content;
  };
  return { artifacts, problems, file, json: (path: string) => JSON.parse(file(path)) as VercelJson, placements: vercel.place!(ctx.model, ctx) };
}

/** A stack with one site; `options` go into the context (their schema fragment is not merged yet). */
const buildSite = (yaml: string, options: Record<string, unknown> = {}, overrides: Partial<EmitContext> = {}) => build(loadOk(stackYaml(yaml)), { options, ...overrides });


const codes = (problems: BuildProblem[]) => problems.map((p) => p.code);
const headerValue = (json: VercelJson, key: string) => json.headers?.find((h) => h.source === '/(.*)')?.headers.find((h) => h.key === key)?.value;

const VITE_SITE = `
environments:
  development: {}
  staging: { domain: staging.shop.example, branch: develop }
  production: { domain: shop.example, tags: "v*" }
services:
  web:
    static: { root: ./frontend, framework: vite, build: npm run build, output: dist }
    env:
      VITE_API_URL: https://api.\${environment.domain}/v1
      VITE_ENVIRONMENT: \${environment.name}
targets:
  vercel: {}
`;

// ---------------------------------------------------------------------------------------------
// Every fixture

const fixtures = readdirSync(`${root}fixtures`, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`${root}fixtures/${d.name}/stack.yaml`))
  .map((d) => d.name);

describe('vercel target: every fixture', () => {
  it('checks the framework slugs and key types against @vercel/config', () => {
    expect(typesMatch).toBe(true);
    expect(slugs).toContain('vite');
  });

  it('has options in the stack schema that accept what the target reads and refuse what it reports', () => {
    const stackSchema = JSON.parse(readFileSync(`${root}schema/stack.schema.json`, 'utf8')) as { $defs: Record<string, Record<string, any>> };
    const fragment = stackSchema.$defs.targets!.properties.vercel as { properties: Record<string, Record<string, unknown>>; examples: unknown[] };
    const validate = new Ajv({ strict: false, allErrors: true }).compile({ ...fragment, $defs: stackSchema.$defs });
    for (const [key, property] of Object.entries(fragment.properties)) {
      if (!property.$ref || key === 'production') expect({ key, description: typeof property.description, examples: Array.isArray(property.examples) }).toEqual({ key, description: 'string', examples: true });
    }
    for (const example of fragment.examples) expect(validate(example)).toBe(true);
    for (const ok of [{ production: 'staging' }, { proxy: { '/api/': 'https://shop-api.fly.dev/api' } }, { clean_urls: true, trailing_slash: false, regions: ['fra1'], spa: false }, { security_headers: false, content_security_policy: "default-src 'self'" }]) expect(validate(ok), JSON.stringify(ok)).toBe(true);
    for (const bad of [{ regions: ['frankfurt'] }, { proxy: { api: 'https://x' } }, { proxy: { '/': 'https://x' } }, { proxy: { '/api': 'ftp://x' } }, { content_security_policy: '' }, { colour: 'blue' }]) expect(validate(bad), JSON.stringify(bad)).toBe(false);
  });

  it('uses validators that catch what they are here for', () => {
    expect(cliProblems({ headers: [{ source: '/(.*)', headers: [{ key: 'X-Frame-Options' }] }] })).not.toEqual([]);
    expect(cliProblems({ rewrites: [{ source: '/a' }] })).not.toEqual([]);
    expect(getTransformedRoutes({ rewrites: [{ source: '/((?!assets/).*', destination: '/index.html' }] }).error).not.toBeNull();
  });

  for (const name of fixtures) {
    it(`fixtures/${name}: one vercel.json per static site at its root, valid for the Vercel CLI, and a setup page; deterministic`, () => {
      const stack = loadFixture(name);
      const built = build(stack);
      const sites = allServices(stack).filter((s) => [...stack.views.values()].some((v) => v.services.some((x) => x.name === s && x.kind === 'static')));
      const config = stack.targets.find((t) => t.name === 'vercel');
      const selected = sites.filter((s) => config?.services?.includes(s) ?? true);
      expect(built.artifacts.map((a) => a.path).sort()).toEqual(selected.flatMap((s) => {
        const root = [...stack.views.values()].flatMap((v) => v.services).find((x) => x.name === s)!.static!.root;
        return [root === '.' ? 'vercel.json' : `${root}/vercel.json`, `deploy/vercel/${s}.md`];
      }).sort());
      for (const a of built.artifacts) {
        expect(a.target).toBe('vercel');
        expect(a.environment).toBeUndefined();
        if (a.path.endsWith('vercel.json')) checkVercelJson(a);
        else expect(a.content.startsWith('<!-- Generated by stackc from stack.yaml.')).toBe(true);
      }
      expect(built.problems.filter((p) => p.severity === 'error')).toEqual([]);
      for (const p of built.problems) expect(p.code).toMatch(/^vercel\//);
      expect(build(stack).artifacts).toEqual(built.artifacts);
    });
  }

  it('fixtures/fullstack: a Vite single-page app with SPA fallback, immutable assets and security headers', () => {
    const built = build(loadFixture('fullstack'));
    expect(built.json('frontend/vercel.json')).toEqual({
      $schema: 'https://openapi.vercel.sh/vercel.json',
      // The deploy workflows deploy it (deploy-staging.yml, deploy-production.yml): Vercel's Git deployments are off.
      git: { deploymentEnabled: false },
      framework: 'vite',
      buildCommand: 'npm run build',
      outputDirectory: 'dist',
      rewrites: [{ source: '/((?!assets/).*)', destination: '/index.html' }],
      headers: [
        {
          source: '/(.*)',
          headers: [
            { key: 'X-Content-Type-Options', value: 'nosniff' },
            { key: 'X-Frame-Options', value: 'DENY' },
            { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
            { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
          ],
        },
        { source: '/assets/(.*)', headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
      ],
    });
    // api, worker are containers: not Vercel's, said once each.
    expect(built.problems.filter((p) => p.code === 'vercel/container-service')).toEqual([]);
    const all = build(loadFixture('fullstack'), { services: ['api', 'worker', 'web'] }); // as `targets.vercel.services` would
    expect(all.problems.filter((p) => p.code === 'vercel/container-service').map((p) => p.path)).toEqual([['services', 'api'], ['services', 'worker']]);
  });

  it('fixtures/saas: Next.js routes itself (no fallback, no asset rules) and the setup page lists the variables per environment', () => {
    const built = build(loadFixture('saas'));
    const json = built.json('apps/web/vercel.json');
    expect(json.framework).toBe('nextjs');
    expect(json.rewrites).toBeUndefined();
    expect(json.headers).toHaveLength(1);
    const page = built.file('deploy/vercel/web.md');
    expect(page).toContain('| Root Directory | `apps/web` |');
    expect(page).toContain("vercel env add NEXT_PUBLIC_API_URL production --value https://api.invoicely.example --yes");
    expect(page).toContain('| `production` | Production | `invoicely.example` |');
    expect(page).toContain('vercel domains add invoicely.example');
  });
});

// ---------------------------------------------------------------------------------------------
// Behaviour

describe('vercel target: behaviour', () => {
  it('redirects hosts to the site in vercel.json, matched on the host, and adds every host to the project', () => {
    const built = buildSite(`
environments:
  development: {}
  staging: { domain: staging.shop.example, branch: develop }
  production: { domain: shop.example }
services:
  web:
    static: { root: ./web, framework: vite, build: npm run build }
    public:
      hosts: ["\${environment.domain}", "www.\${environment.domain}"]
      redirects: ["old.\${environment.domain}", { from: "*.legacy.example", to: "www.\${environment.domain}", permanent: false }]
    environments:
      development: { public: true }
      staging: { public: { hosts: ["\${environment.domain}"], redirects: ["old.\${environment.domain}"] } }
targets:
  vercel: {}
`);
    expect(built.json('web/vercel.json').redirects).toEqual([
      { source: '/:path*', has: [{ type: 'host', value: 'old.staging.shop.example' }], destination: 'https://staging.shop.example/:path*', permanent: true },
      { source: '/:path*', has: [{ type: 'host', value: 'old.shop.example' }], destination: 'https://shop.example/:path*', permanent: true },
      { source: '/:path*', has: [{ type: 'host', value: '[^.]+\\.legacy\\.example' }], destination: 'https://www.shop.example/:path*', permanent: false },
    ]);
    const page = built.file('deploy/vercel/web.md');
    for (const d of ['shop.example', 'www.shop.example', 'old.shop.example', "'*.legacy.example'", 'staging.shop.example', 'old.staging.shop.example']) expect(page).toContain(`vercel domains add ${d}\n`);
    expect(codes(built.problems).filter((c) => c.includes('redirect'))).toEqual([]);
  });

  it('maps environments by role: production is Production, development Development, others Preview of their branch', () => {
    const built = buildSite(VITE_SITE);
    const page = built.file('deploy/vercel/web.md');
    expect(page).toContain('| `development` | Development | — |');
    expect(page).toContain('| `staging` | Preview, branch `develop` | `staging.shop.example` |');
    expect(page).toContain("vercel env add VITE_API_URL preview develop --value https://api.staging.shop.example/v1 --yes");
    expect(page).toContain("vercel env add VITE_ENVIRONMENT production --value production --yes");
    expect(page).toContain('vercel alias set');
    expect(codes(built.problems).filter((c) => c.includes('production'))).toEqual([]);
    // `production` chooses another; a name the target does not serve is an error.
    expect(buildSite(VITE_SITE, { production: 'staging' }).file('deploy/vercel/web.md')).toContain('| `staging` | Production | `staging.shop.example` |');
    expect(buildSite(VITE_SITE, { production: 'qa' }).problems.find((p) => p.code === 'vercel/production')).toMatchObject({ severity: 'error', path: ['targets', 'vercel', 'production'] });
  });

  it('maps environments by role whatever their order, in the files, the placements and the vercel.json it keeps', () => {
    const built = buildSite(`
environments:
  production: { domain: shop.example }
  staging: { domain: staging.shop.example, branch: develop }
  development: {}
services:
  web:
    static: { root: ./web, framework: vite, build: npm run build }
    environments:
      development: { static: { root: ./web, build: npm run build:dev } }
targets:
  vercel: {}
`);
    const page = built.file('deploy/vercel/web.md');
    expect(page).toContain('| `production` | Production | `shop.example` |');
    expect(page).toContain('| `staging` | Preview, branch `develop` | `staging.shop.example` |');
    expect(page).toContain('| `development` | Development | — |');
    expect(built.placements.map((p) => [p.environment, p.services[0]!.deploy])).toEqual([
      ['production', { kind: 'vercel', environment: 'production', domain: 'shop.example', variables: [] }],
      ['staging', { kind: 'vercel', environment: 'preview', gitBranch: 'develop', domain: 'staging.shop.example', variables: [] }],
      ['development', { kind: 'vercel', environment: 'development', variables: [] }],
    ]);
    expect(built.placements.map((p) => p.lines)).toEqual([['Production environment'], ['Preview environment · branch develop'], ['Development environment']]);
    // The one vercel.json holds Production's settings, though production is listed first.
    expect(built.json('web/vercel.json').buildCommand).toBe('npm run build');
    expect(built.problems.find((p) => p.code === 'vercel/environment-difference')?.message).toContain('differ in `development` from `production`');
  });

  it('maps `role:` rather than names: a development-role environment with a branch is a Preview', () => {
    const page = buildSite(`
environments:
  local: {}
  ci: { branch: main }
  qa: { branch: "release/*" }
  live: { role: production, domain: shop.example }
services:
  web: { static: { root: ./web, framework: vite } }
targets:
  vercel: {}
`).file('deploy/vercel/web.md');
    expect(page).toContain('| `local` | Development | — |');
    expect(page).toContain('| `ci` | Preview, branch `main` | — |');
    expect(page).toContain('| `qa` | Preview | — |');
    expect(page).toContain('| `live` | Production | `shop.example` |');
  });

  it('refuses two production-role environments unless `production` names one', () => {
    const stack = `
environments:
  development: {}
  production: { domain: shop.example }
  prod-eu: { role: production, domain: eu.shop.example }
services:
  web: { static: { root: ./web, framework: vite } }
targets:
  vercel: {}
`;
    const ambiguous = buildSite(stack);
    expect(ambiguous.problems.filter((p) => p.code === 'vercel/production')).toEqual([
      // At the second production environment's `role:`, the line that made the choice ambiguous.
      expect.objectContaining({ severity: 'error', path: ['environments', 'prod-eu', 'role'], message: expect.stringContaining('`production` and `prod-eu` both have the role `production`'), hint: expect.stringContaining('targets.vercel.production') }),
    ]);
    // Neither is Production until one is named.
    expect(ambiguous.file('deploy/vercel/web.md')).toContain('| `production` | Preview | `shop.example` |');
    const chosen = buildSite(stack, { production: 'prod-eu' });
    expect(codes(chosen.problems)).not.toContain('vercel/production');
    expect(chosen.file('deploy/vercel/web.md')).toContain('| `prod-eu` | Production | `eu.shop.example` |');
    expect(chosen.file('deploy/vercel/web.md')).toContain('| `production` | Preview | `shop.example` |');
  });

  it('maps by role in any order: production first, a branch-scoped staging, development last, another Preview between', () => {
    const stack = `
environments:
  production: { domain: shop.example, branch: main }
  qa: {}
  staging: { domain: staging.shop.example, branch: develop }
  development: {}
services:
  web:
    static: { root: ./web, framework: vite }
    env: { VITE_ENVIRONMENT: "\${environment.name}" }
targets:
  vercel: {}
`;
    const built = buildSite(stack);
    const page = built.file('deploy/vercel/web.md');
    expect(page).toContain('| `production` | Production | `shop.example` |');
    expect(page).toContain('| `qa` | Preview | — |');
    expect(page).toContain('| `staging` | Preview, branch `develop` | `staging.shop.example` |');
    expect(page).toContain('| `development` | Development | — |');
    expect(page).toContain('vercel env add VITE_ENVIRONMENT production --value production --yes');
    expect(page).toContain('vercel env add VITE_ENVIRONMENT preview --value qa --yes');
    expect(page).toContain('vercel env add VITE_ENVIRONMENT preview develop --value staging --yes');
    expect(page).toContain('vercel env add VITE_ENVIRONMENT development --value development --yes');
    expect(page).toContain('| Production Branch | `main` (Settings → Environments → Production) |');
    expect(codes(built.problems).filter((c) => c.startsWith('vercel/'))).toEqual([]);
    // Reversed, the mapping is the same.
    const reversed = buildSite(stack.replace(/environments:\n([\s\S]*?)services:/, (_, envs: string) => `environments:\n${envs.trimEnd().split('\n').reverse().join('\n')}\nservices:`));
    expect(reversed.placements.map((p) => [p.environment, p.lines])).toEqual([
      ['development', ['Development environment']],
      ['staging', ['Preview environment · branch develop']],
      ['qa', ['Preview environment']],
      ['production', ['Production environment']],
    ]);
  });

  it('never scopes a Preview variable to the Production Branch, which Vercel refuses: those are for all Preview branches, with a warning at the branch', () => {
    const built = buildSite(`
environments:
  staging: { domain: staging.shop.example, branch: main }
  production: { domain: shop.example, branch: main, approval: true }
services:
  web:
    static: { root: ./web, framework: vite }
    env: { VITE_ENVIRONMENT: "\${environment.name}" }
    secrets: [VITE_SENTRY_DSN]
targets:
  vercel: {}
`);
    const page = built.file('deploy/vercel/web.md');
    // \`vercel env add NAME preview main\` is refused by Vercel ("Cannot set Production Branch").
    expect(page).not.toMatch(/vercel env add \S+\s+preview main/);
    expect(page).toContain('vercel env add VITE_ENVIRONMENT preview --value staging --yes');
    expect(page).toMatch(/vercel env add VITE_SENTRY_DSN preview --sensitive/);
    expect(page).toContain('| `staging` | Preview, all branches (`main` is the Production Branch) | `staging.shop.example` |');
    expect(page).toContain('`staging.shop.example` cannot be assigned to `main`');
    expect(built.problems.filter((p) => p.code === 'vercel/preview-on-production-branch')).toEqual([
      expect.objectContaining({ severity: 'warning', path: ['environments', 'staging', 'branch'], message: expect.stringContaining('for all Preview branches') }),
    ]);
    // The deploy job pulls the all-branch Preview variables, not the refused branch scope.
    expect(built.placements.find((p) => p.environment === 'staging')!.services[0]!.deploy).toEqual({ kind: 'vercel', environment: 'preview', domain: 'staging.shop.example', variables: [{ name: 'VITE_ENVIRONMENT', value: 'staging' }] });
  });

  it('adds each variable once per Vercel scope: a later environment in the same scope gets the earlier one\'s values, with a warning when they differ', () => {
    const built = buildSite(`
environments:
  qa: {}
  staging: { branch: main }
  production: { domain: shop.example, branch: main }
services:
  web:
    static: { root: ./web, framework: vite }
    env: { VITE_ENVIRONMENT: "\${environment.name}", VITE_API: https://api.shop.example }
targets:
  vercel: {}
`);
    const page = built.file('deploy/vercel/web.md');
    // Both are Preview for all branches: adding VITE_ENVIRONMENT twice there would fail.
    expect(page.match(/vercel env add VITE_ENVIRONMENT preview /g)).toHaveLength(1);
    expect(page.match(/vercel env add VITE_API preview /g)).toHaveLength(1);
    expect(page).toContain('vercel env add VITE_ENVIRONMENT preview --value qa --yes');
    expect(page).toContain('`qa` adds `VITE_ENVIRONMENT`, `VITE_API` there already (adding them again fails): `staging` gets those values.');
    // Only the differing value is warned about.
    expect(built.problems.filter((p) => p.code === 'vercel/shared-variable-scope')).toEqual([
      expect.objectContaining({ severity: 'warning', path: ['environments', 'staging', 'branch'], message: expect.stringMatching(/`staging`'s `VITE_ENVIRONMENT` would be `qa`'s$/) }),
    ]);
  });

  it('says that Preview deployments sit behind Vercel Authentication, and how to change it', () => {
    const page = buildSite(VITE_SITE).file('deploy/vercel/web.md');
    expect(page).toContain('## Who can open Preview deployments');
    expect(page).toContain('`staging` deploys as Vercel Preview deployments. New Vercel projects protect them with Vercel Authentication');
    expect(page).toContain('Settings → Deployment Protection');
    expect(page).toContain('https://vercel.com/docs/deployment-protection/methods-to-protect-deployments/vercel-authentication');
    // Production deploys from tags: the page says which branches Vercel's Production Branch must not be.
    expect(page).toContain('| Production Branch | any branch but `develop`');
    // Without a Preview, nothing to say.
    const productionOnly = buildSite(VITE_SITE.replace('  staging: { domain: staging.shop.example, branch: develop }\n', '')).file('deploy/vercel/web.md');
    expect(productionOnly).not.toContain('Deployment Protection');
  });

  it('warns when no served environment is production, and the option silences it', () => {
    const stack = `
environments:
  development: {}
  staging: { domain: staging.shop.example, branch: develop }
services:
  web: { static: { root: ./web, framework: vite } }
targets:
  vercel: {}
`;
    const built = buildSite(stack);
    expect(built.problems.find((p) => p.code === 'vercel/no-production')).toMatchObject({ severity: 'warning', path: ['targets', 'vercel'], hint: expect.stringContaining('role: production') });
    expect(built.file('deploy/vercel/web.md')).toContain('| `staging` | Preview, branch `develop` | `staging.shop.example` |');
    const named = buildSite(stack, { production: 'staging' });
    expect(codes(named.problems)).not.toContain('vercel/no-production');
    expect(named.file('deploy/vercel/web.md')).toContain('| `staging` | Production | `staging.shop.example` |');
    // The target's own environment filter decides what it serves.
    const filtered = build(loadOk(stackYaml(VITE_SITE.replace('vercel: {}', 'vercel: { environments: [development, staging] }'))));
    expect(codes(filtered.problems)).toContain('vercel/no-production');
  });

  it('lists secrets by name only, as Sensitive variables except in Development, and warns when a public prefix would ship one to browsers', () => {
    const built = buildSite(`
environments:
  development: {}
  production: { domain: shop.example }
services:
  web:
    static: { root: ., framework: nextjs }
    secrets: [NEXT_PUBLIC_STRIPE_KEY, SENTRY_AUTH_TOKEN]
    env:
      DATABASE_URL: \${resources.db.url}
resources:
  db: { type: postgres }
targets:
  vercel: {}
`);
    const page = built.file('deploy/vercel/web.md');
    expect(page).toMatch(/vercel env add SENTRY_AUTH_TOKEN\s+production --sensitive {3}# secret of `web`/);
    expect(page).toMatch(/vercel env add SENTRY_AUTH_TOKEN\s+development {3}#/);
    expect(page).toMatch(/vercel env add DATABASE_URL\s+production --sensitive {3}# `url` of `db`, as reachable from Vercel \(in production\)/);
    expect(page).not.toContain('postgresql://');
    expect(built.artifacts.map((a) => a.path)).toContain('vercel.json');
    expect(built.problems.find((p) => p.code === 'vercel/public-secret')).toMatchObject({ severity: 'warning', path: ['services', 'web', 'secrets', 0] });
    expect(built.problems.find((p) => p.code === 'vercel/resource-reference')).toMatchObject({ severity: 'warning', path: ['services', 'web', 'env', 'DATABASE_URL'] });
  });

  it('takes a container resource\'s outputs as Sensitive only where declared secret (issue 20, item 5)', () => {
    const built = buildSite(`
environments:
  development: {}
  production: { domain: shop.example }
services:
  web:
    static: { root: ., framework: nextjs }
    env:
      SEARCH_URL: \${resources.search.url}
      SEARCH_KEY: \${resources.search.password}
resources:
  search:
    type: container
    image: "docker.elastic.co/elasticsearch/elasticsearch:8.15.0"
    port: 9200
    outputs: { url: "http://\${host}:\${port}", password: { secret: true } }
targets:
  vercel: {}
`);
    const page = built.file('deploy/vercel/web.md');
    expect(page).toMatch(/vercel env add SEARCH_KEY\s+production --sensitive/);
    expect(page).not.toMatch(/vercel env add SEARCH_URL\s+production --sensitive/);
    const hints = built.problems.filter((p) => p.code === 'vercel/resource-reference').map((p) => p.hint ?? '');
    expect(hints.filter((h) => h.includes('Sensitive'))).toHaveLength(1);
  });

  it('warns at a variable whose name has `.` or `-`, which Vercel refuses (issue 20)', () => {
    const built = buildSite(`
services:
  web:
    static: { root: ., framework: vite }
    env:
      VITE_API: /api
      feature.flags: on
targets:
  vercel: {}
`);
    expect(built.problems.filter((p) => p.code === 'vercel/env-name')).toEqual([
      expect.objectContaining({ severity: 'warning', path: ['services', 'web', 'env', 'feature.flags'], message: 'Vercel refuses the variable name `feature.flags` of `web`: its names are letters, digits and `_`' }),
    ]);
  });

  it('resolves public URLs of other services, and flags internal addresses Vercel cannot reach', () => {
    const built = buildSite(`
environments:
  production: { domain: shop.example }
services:
  api: { image: ghcr.io/acme/api:1, ports: [8000], public: { host: "api.\${environment.domain}", path: /v1 } }
  worker: { image: ghcr.io/acme/worker:1, ports: [9000] }
  web:
    static: { root: ./web, framework: vite }
    env:
      VITE_API: \${services.api.public_url}
      VITE_WORKER: \${services.worker.url}
targets:
  vercel: {}
`);
    const page = built.file('deploy/vercel/web.md');
    expect(page).toContain("vercel env add VITE_API production --value https://api.shop.example/v1 --yes");
    expect(page).toMatch(/vercel env add VITE_WORKER production {3}# url of `worker`/);
    // The shared resolver says it, worded as for every target.
    expect(built.problems.find((p) => p.code === 'vercel/service-not-deployed')).toMatchObject({
      severity: 'warning',
      path: ['services', 'web', 'env', 'VITE_WORKER'],
      message: expect.stringContaining('`worker` is not among the services the vercel target runs'),
    });
  });

  it('takes public URLs from the model: routable endpoints only; a service not public is the model\'s warning, not the target\'s', () => {
    const built = buildSite(`
environments:
  development: {}
  production: { domain: shop.example }
services:
  api: { image: ghcr.io/acme/api:1, ports: [8000], public: { host: "api.\${environment.domain}" } }
  admin: { image: ghcr.io/acme/api:1, ports: [8001], environments: { production: { public: { host: "admin.\${environment.domain}" } } } }
  docs: { static: { root: ./docs } }
  web:
    static: { root: ./web, framework: vite }
    public: { host: "www.\${environment.domain}" }
    env:
      VITE_API: \${services.api.public_url}
      VITE_ADMIN: \${services.admin.public_url}
      VITE_DOCS: \${services.docs.public_url}
targets:
  vercel: {}
`);
    const page = built.file('deploy/vercel/web.md');
    expect(page).toContain('vercel env add VITE_API production --value https://api.shop.example --yes');
    expect(page).toContain('vercel env add VITE_ADMIN production --value https://admin.shop.example --yes');
    // A static site is served on the environment's domain without `public`.
    expect(page).toContain('vercel env add VITE_DOCS production --value https://shop.example --yes');
    // In development `api.localhost` reaches no one, and admin is not public: the user sets them.
    expect(page).toMatch(/vercel env add VITE_API {3}development {3}# public URL of `api` \(in development\)/);
    expect(page).toMatch(/vercel env add VITE_ADMIN development {3}# public URL of `admin` \(in development\)/);
    expect(codes(built.problems)).not.toContain('vercel/not-public');
  });

  it('proxies a path of the site to the service routed there, before the SPA fallback; warns when it has no destination', () => {
    const stack = `
environments:
  production: { domain: shop.example }
services:
  api: { image: ghcr.io/acme/api:1, ports: [8000], public: { path: /api } }
  web: { static: { root: ./web, framework: vite } }
targets:
  vercel: {}
`;
    const without = buildSite(stack);
    expect(without.problems.find((p) => p.code === 'vercel/proxy-needed')).toMatchObject({ severity: 'warning', path: ['services', 'api', 'public'] });
    const withProxy = buildSite(stack, { proxy: { '/api/': 'https://shop-api.fly.dev/api' } });
    expect(codes(withProxy.problems)).not.toContain('vercel/proxy-needed');
    const json = checkVercelJson(withProxy.artifacts.find((a) => a.path === 'web/vercel.json')!);
    expect(json.rewrites).toEqual([
      { source: '/api/:path*', destination: 'https://shop-api.fly.dev/api/:path*' },
      { source: '/((?!assets/).*)', destination: '/index.html' },
    ]);
    expect(codes(buildSite(stack, { proxy: { api: 'https://x' } }).problems)).toContain('vercel/option');
  });

  it('warns when a container claims the root of the site\'s host (at the same path, validate refuses it)', () => {
    const built = buildSite(`
environments:
  production: { domain: shop.example }
services:
  api: { image: ghcr.io/acme/api:1, ports: [8000], public: true }
  web: { static: { root: ./web, framework: vite }, public: { path: /app } }
targets:
  vercel: {}
`);
    expect(codes(built.problems)).toContain('vercel/host-conflict');
  });

  it('writes a Content-Security-Policy on request: stackc\'s (connecting to the APIs the variables name) or the given one', () => {
    const json = checkVercelJson(buildSite(VITE_SITE, { content_security_policy: true }).artifacts[0]!);
    expect(headerValue(json, 'Content-Security-Policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; font-src 'self' data:; connect-src 'self' https://api.localhost https://api.shop.example https://api.staging.shop.example; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
    );
    const custom = checkVercelJson(buildSite(VITE_SITE, { content_security_policy: "default-src 'self'" }).artifacts[0]!);
    expect(headerValue(custom, 'Content-Security-Policy')).toBe("default-src 'self'");
    expect(headerValue(checkVercelJson(buildSite(VITE_SITE).artifacts[0]!), 'Content-Security-Policy')).toBeUndefined();
    // Without the security headers, a requested policy is still written.
    const bare = checkVercelJson(buildSite(VITE_SITE, { security_headers: false, content_security_policy: "default-src 'self'" }).artifacts[0]!);
    expect(bare.headers![0]).toEqual({ source: '/(.*)', headers: [{ key: 'Content-Security-Policy', value: "default-src 'self'" }] });
  });

  it('passes cleanUrls, trailingSlash, regions and the SPA switch through; regions do nothing for a static build (info)', () => {
    const built = buildSite(VITE_SITE, { clean_urls: true, trailing_slash: false, regions: ['fra1'], spa: false });
    const json = checkVercelJson(built.artifacts[0]!);
    expect(json).toMatchObject({ cleanUrls: true, trailingSlash: false, regions: ['fra1'] });
    expect(json.rewrites).toBeUndefined();
    expect(codes(built.problems)).toContain('vercel/regions');
    expect(buildSite(VITE_SITE, { regions: ['frankfurt'] }).problems.find((p) => p.code === 'vercel/option')).toMatchObject({ severity: 'error', path: ['targets', 'vercel', 'regions', 0] });
  });

  it('keeps one vercel.json for every environment: Production\'s settings, with a warning when others differ', () => {
    const built = buildSite(`
environments:
  staging: { branch: develop }
  production: { domain: shop.example }
services:
  web:
    static: { root: ./web, framework: vite, build: npm run build }
    environments:
      staging: { static: { root: ./web, build: npm run build:staging } }
targets:
  vercel: {}
`);
    expect(built.json('web/vercel.json').buildCommand).toBe('npm run build');
    expect(built.problems.find((p) => p.code === 'vercel/environment-difference')).toMatchObject({ severity: 'warning' });
  });

  it('writes the same files when one environment is built', () => {
    const stack = loadOk(stackYaml(VITE_SITE));
    expect(build(stack, { environments: ['staging'] }).artifacts).toEqual(build(stack).artifacts);
  });

  it('places vercel.json relative to the output root: rebased below it, mirrored when the site lies outside it', () => {
    const stack = loadOk(stackYaml(VITE_SITE));
    expect(build(stack, { stackFile: 'deploy/stack.yaml' }).artifacts.map((a) => a.path)).toEqual(['deploy/frontend/vercel.json', 'deploy/vercel/web.md']);
    const outside = build(stack, { stackFile: '../stack.yaml' });
    expect(outside.artifacts.map((a) => a.path)).toEqual(['frontend/vercel.json', 'deploy/vercel/web.md']);
    expect(codes(outside.problems)).toContain('vercel/out-of-tree');
  });

  it('maps every framework to its Vercel preset, with a fallback only for single-page apps', () => {
    for (const [name, info] of Object.entries(FRAMEWORKS)) {
      const built = buildSite(`
services:
  web: { static: { root: ./web, framework: ${name} } }
targets:
  vercel: {}
`);
      const json = checkVercelJson(built.artifacts[0]!);
      expect(json.framework).toBe(info.slug);
      expect(json.rewrites !== undefined, name).toBe(info.spa);
    }
    const unknown = buildSite(`
services:
  web: { static: { root: ./web } }
targets:
  vercel: {}
`);
    expect('framework' in unknown.json('web/vercel.json')).toBe(false);
    expect(codes(unknown.problems)).toContain('vercel/framework');
  });

  it('says what each file deploys: the site, no image, and the names of the Sensitive variables on the setup page', () => {
    const built = buildSite(`
environments:
  development: {}
  production: { domain: shop.example }
services:
  web:
    static: { root: ./web, framework: nextjs }
    secrets: [SENTRY_AUTH_TOKEN]
    env:
      DATABASE_URL: \${resources.db.url}
      DB_HOST: \${resources.db.host}
resources:
  db: { type: postgres }
targets:
  vercel: {}
`);
    expect(built.artifacts.map((a) => [a.path, a.facts])).toEqual([
      ['web/vercel.json', { services: ['web'], images: [], secrets: [] }],
      ['deploy/vercel/web.md', { services: ['web'], images: [], secrets: ['DATABASE_URL', 'SENTRY_AUTH_TOKEN'] }],
    ]);
  });

  it('reports what Vercel cannot express from the model alone, as lint does, without rendering', () => {
    const stack = loadOk(stackYaml(`
environments:
  staging: { branch: develop }
  production: { domain: shop.example }
services:
  api: { image: ghcr.io/acme/api:1, ports: [8000], public: { path: /api } }
  web:
    static: { root: ./web, framework: vite, build: npm run build, node: "20" }
    env:
      DATABASE_URL: \${resources.db.url}
    environments:
      staging: { static: { root: ./web, build: npm run build:staging } }
resources:
  db: { type: postgres }
targets:
  vercel: {}
`));
    const ctx = emitContext(stack, 'vercel');
    const problems: BuildProblem[] = [];
    capabilityGaps(gapFinder(capabilities, ctx.plan, ctx.options), ctx.plan, ctx.model.environments.map((e) => e.name), (p: BuildProblem) => problems.push(p));
    expect([...new Set(codes(problems))].sort()).toEqual(['vercel/environment-difference', 'vercel/node-version', 'vercel/proxy-needed', 'vercel/resource-reference']);
    // The build reports the same, once each.
    const built = build(stack);
    for (const p of problems) expect(built.problems).toContainEqual(p);
  });

  it('writes the Production environment\'s HTTP jobs of a site as `crons`, and says at the job\'s line what Vercel does differently', () => {
    const stack = loadOk(stackYaml(`
environments:
  staging: { domain: staging.shop.example, branch: develop }
  production: { domain: shop.example }
services:
  api: { image: ghcr.io/acme/api:1, ports: [8000] }
  web:
    static: { root: ./web, framework: vite, build: npm run build }
    public: { host: "\${environment.domain}" }
jobs:
  nightly:
    from: web
    http: /api/cron/nightly
    schedule: "0 3 * * *"
    timezone: Europe/Berlin
  hourly:
    from: web
    http: /api/cron/hourly
    schedule: "0 * * * *"
    environments:
      staging: { enabled: false }
  reindex: { from: api, command: [reindex], trigger: manual }
targets:
  vercel: {}
`));
    const built = build(stack);
    const json = checkVercelJson(built.artifacts.find((a) => a.path === 'web/vercel.json')!);
    expect(json.crons).toEqual([
      { path: '/api/cron/nightly', schedule: '0 3 * * *' },
      { path: '/api/cron/hourly', schedule: '0 * * * *' },
    ]);
    const found = (code: string) => built.problems.filter((p) => p.code === code).map((p) => ({ severity: p.severity, path: p.path?.join('.') }));
    expect(found('vercel/cron-timezone')).toEqual([{ severity: 'warning', path: 'jobs.nightly.timezone' }]);
    expect(found('vercel/cron-environment')).toEqual([{ severity: 'info', path: 'jobs.nightly' }]);
    expect(found('vercel/job')).toEqual([{ severity: 'info', path: 'jobs.reindex' }]);
    // Lint reports the same from the model alone.
    const ctx = emitContext(stack, 'vercel');
    const problems: BuildProblem[] = [];
    capabilityGaps(gapFinder(capabilities, ctx.plan, ctx.options), ctx.plan, ctx.model.environments.map((e) => e.name), (p: BuildProblem) => problems.push(p));
    expect(codes(problems)).toContain('vercel/cron-environment');
    // The setup page says what the functions must check.
    expect(built.file('deploy/vercel/web.md')).toContain('| `/api/cron/hourly` | `0 * * * *` |');
    expect(built.file('deploy/vercel/web.md')).toContain('vercel env add CRON_SECRET production --sensitive');
    // Without HTTP jobs, no `crons`.
    expect(buildSite(VITE_SITE).json('frontend/vercel.json').crons).toBeUndefined();
  });

  it('never writes a secret value', () => {
    for (const name of ['fullstack', 'saas', 'design-sketch']) {
      for (const a of build(loadFixture(name)).artifacts) expect(a.content).not.toMatch(/:\/\/[^\s/@$]+:[^\s/@$]+@/);
    }
  });
});
