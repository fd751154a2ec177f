// The Vercel target: one vercel.json per static site, at the site's root (Vercel's Root Directory),
// and deploy/vercel/<site>.md with the project settings vercel.json cannot hold (Root Directory,
// Node.js version, domains, environment variables). Container services are not Vercel's business.
// See docs/targets/vercel.md for the mapping and the decisions behind it.
import { toJson } from '../../src/emit/serialize/json.js';
import { defineTarget, type Artifact, type EmitContext } from '../../src/emit/target.js';
import type { EnvironmentView, Service, Stack } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { frameworkInfo } from './frameworks.js';
import { readOptions, vercelEnvironment, vercelEnvironments, type VercelOptions } from './options.js';
import { fromOutputRoot, inDirectory, setupPage } from './paths.js';
import { originsIn } from './routing.js';
import { renderSetupPage, type SiteEnvironment } from './setup-page.js';
import { siteDomain, siteVariables } from './variables.js';
import { vercelJson, type VercelJson } from './vercel-json.js';

/**
 * The environments that decide the files: all the target serves, even when `--env` asks for fewer,
 * so building one environment writes the same vercel.json as building them all.
 */
function layoutEnvironments(stack: Stack, ctx: EmitContext): string[] {
  const served = vercelEnvironments(stack);
  return ctx.environments.every((e) => served.includes(e)) ? served : ctx.environments;
}

/** Static sites among the selected services, in declaration order, with their views. */
function selectedSites(stack: Stack, environments: readonly string[], services: readonly string[]): { name: string; views: { view: EnvironmentView; site: Service }[] }[] {
  const names: string[] = [];
  for (const environment of environments) {
    for (const s of stack.views.get(environment)?.services ?? []) if (s.kind === 'static' && services.includes(s.name) && !names.includes(s.name)) names.push(s.name);
  }
  return names.map((name) => ({
    name,
    views: environments.flatMap((e) => {
      const view = stack.views.get(e);
      const site = view?.services.find((s) => s.name === name);
      return view && site ? [{ view, site }] : [];
    }),
  }));
}

function reportContainers(stack: Stack, environments: readonly string[], services: readonly string[], report: Report): void {
  for (const environment of environments) {
    for (const s of stack.views.get(environment)?.services ?? []) {
      if (s.kind !== 'container' || !services.includes(s.name)) continue;
      report({
        severity: 'info',
        code: 'vercel/container-service',
        message: `\`${s.name}\` runs in a container; the vercel target serves static front ends only, so it writes nothing for it`,
        path: s.path,
        hint: 'run it with the fly, railway or kubernetes target; leave it out with `targets.vercel.services`',
      });
    }
  }
}

function checkOptions(stack: Stack, options: VercelOptions, served: readonly string[], report: Report): void {
  if (options.production !== undefined && !served.includes(options.production)) {
    report({
      severity: 'error',
      code: 'vercel/production',
      message: `\`targets.vercel.production\` names \`${options.production}\`, which is not an environment the vercel target serves`,
      path: [...options.path, 'production'],
      hint: `one of: ${served.join(', ')}`,
    });
  }
  if (served.length > 1 && options.production === undefined && served.at(-1) !== stack.environments.at(-1)?.name) {
    report({
      severity: 'info',
      code: 'vercel/production',
      message: `Vercel's Production environment is \`${served.at(-1)}\`, the last environment the vercel target serves`,
      path: options.path,
      hint: 'choose another with `targets.vercel.production`',
    });
  }
}

/** Paths of the site's host served by another service: Vercel must forward them, or they 404. */
function checkRouting(site: Service, view: EnvironmentView, options: VercelOptions, report: Report): void {
  const host = siteDomain(site, view);
  if (!host) return;
  for (const other of view.services) {
    if (other.kind !== 'container' || other.public?.host !== host) continue;
    const path = other.public.path.replace(/\/+$/, '');
    if (path === '') {
      report({
        severity: 'warning',
        code: 'vercel/host-conflict',
        message: `\`${other.name}\` and the static site \`${site.name}\` are both served at the root of \`${host}\` in environment \`${view.environment.name}\`; a host name points at one platform`,
        path: other.public.at,
        hint: `serve \`${other.name}\` on a host of its own (e.g. \`public: { host: api.\${environment.domain} }\`) or under a path such as \`/api\``,
      });
    } else if (!options.proxy.some((r) => path === r.prefix || path.startsWith(`${r.prefix}/`))) {
      report({
        severity: 'warning',
        code: 'vercel/proxy-needed',
        message: `\`${other.name}\` is served at \`${host}${path}\` in environment \`${view.environment.name}\`, but Vercel serves \`${host}\` and does not know where \`${other.name}\` runs, so \`${path}\` would reach the site instead`,
        path: other.public.at,
        hint: `add \`targets: { vercel: { proxy: { "${path}": "https://<where ${other.name} runs>${path}" } } }\``,
      });
    }
  }
}

function emit(stack: Stack, ctx: EmitContext): Artifact[] {
  if (ctx.environments.length === 0) return [];
  const report = ctx.report;
  const options = readOptions(ctx.options, report);
  const environments = layoutEnvironments(stack, ctx);
  checkOptions(stack, options, vercelEnvironments(stack), report);
  reportContainers(stack, environments, ctx.services, report);

  // Environments outside `--env` shape the files but say nothing about themselves.
  const reportIn = (environment: string): Report => (ctx.environments.includes(environment) ? report : () => {});
  const artifacts: Artifact[] = [];
  for (const { name, views } of selectedSites(stack, environments, ctx.services)) {
    const perEnvironment: SiteEnvironment[] = views.map(({ view, site }) => {
      const domain = siteDomain(site, view);
      checkRouting(site, view, options, reportIn(view.environment.name));
      return {
        environment: view.environment,
        vercel: vercelEnvironment(stack, view.environment.name, options),
        ...(domain && domain !== 'localhost' ? { domain } : {}),
        ...(site.static!.node ? { node: site.static!.node } : {}),
        variables: siteVariables(site, view, frameworkInfo(site.static!.framework), reportIn(view.environment.name)),
      };
    });

    // One vercel.json serves every deployment: the Production environment's settings win.
    const origins = originsIn(perEnvironment.flatMap((e) => e.variables.flatMap((v) => (v.value === undefined ? [] : [v.value]))));
    const files = views.map(({ view, site }) => ({ environment: view.environment.name, site, json: vercelJson(site, options, origins) }));
    const chosen = files.find((f) => perEnvironment.find((e) => e.environment.name === f.environment)!.vercel.target === 'production') ?? files.at(-1)!;
    const differing = files.filter((f) => JSON.stringify(f.json) !== JSON.stringify(chosen.json)).map((f) => f.environment);
    if (differing.length) {
      report({
        severity: 'warning',
        code: 'vercel/environment-difference',
        message: `the \`static\` settings of \`${name}\` differ in ${differing.map((e) => `\`${e}\``).join(', ')} from \`${chosen.environment}\`, but one vercel.json serves every Vercel deployment of the site; it holds \`${chosen.environment}\`'s`,
        path: chosen.site.origins.static ?? chosen.site.path,
        hint: 'keep `static` the same in every environment the vercel target serves, and vary behaviour with environment variables',
      });
    }
    checkSite(chosen.site, chosen.json, options, report);

    const rootFromOutput = fromOutputRoot(chosen.site.static!.root, ctx.stackFile);
    if (rootFromOutput === undefined) {
      report({
        severity: 'warning',
        code: 'vercel/out-of-tree',
        message: `\`${name}\`'s root \`${chosen.site.static!.root}\` is outside the output directory, so its vercel.json is written to \`${inDirectory(chosen.site.static!.root, 'vercel.json')}\` below the output directory instead`,
        path: chosen.site.origins.static ?? chosen.site.path,
        hint: 'build into the project (without `--out`), or copy the file into the site',
      });
    }
    const dir = rootFromOutput ?? chosen.site.static!.root;
    const configFile = inDirectory(dir, 'vercel.json');
    artifacts.push({ path: configFile, target: 'vercel', content: toJson(chosen.json) });
    const page = renderSetupPage({ service: name, configFile, rootDirectory: dir, ...(chosen.site.static!.framework ? { framework: chosen.site.static!.framework } : {}), environments: perEnvironment }, ctx.stackFile);
    artifacts.push({ path: setupPage(name), target: 'vercel', content: page });
  }
  return artifacts;
}

/** Settings of the site that vercel.json cannot express, or that do nothing on Vercel. */
function checkSite(site: Service, json: VercelJson, options: VercelOptions, report: Report): void {
  const s = site.static!;
  const at = site.origins.static ?? site.path;
  if (s.framework === undefined) {
    report({
      severity: 'info',
      code: 'vercel/framework',
      message: `\`${site.name}\` names no \`static.framework\`, so Vercel detects it, and stackc adds no single-page-app fallback or asset caching`,
      path: at,
      hint: 'set `static.framework` (e.g. `vite`)',
    });
  }
  if (s.node) {
    report({
      severity: 'info',
      code: 'vercel/node-version',
      message: `vercel.json cannot set the Node.js version (\`static.node: ${s.node}\`); deploy/vercel/${site.name}.md says where to set it, and the GitHub Actions deploy builds with it`,
      path: at,
      hint: `set \`engines.node\` to \`${s.node}.x\` in the site's package.json, or the project's Node.js Version`,
    });
  }
  if (json.regions && !frameworkInfo(s.framework).functions) {
    report({
      severity: 'info',
      code: 'vercel/regions',
      message: `\`targets.vercel.regions\` places Vercel Functions; \`${site.name}\` (${s.framework}) builds static files, which Vercel serves from every region of its CDN`,
      path: [...options.path, 'regions'],
    });
  }
  if (site.public && site.public.path !== '/') {
    report({
      severity: 'warning',
      code: 'vercel/public-path',
      message: `\`${site.name}\` is public under \`${site.public.path}\`, but a Vercel project serves a whole host; vercel.json cannot mount it under a path`,
      path: site.public.at,
      hint: 'serve the site at the root of its host, or build it with a base path and proxy to it from the site that owns the host',
    });
  }
}

export default defineTarget({
  name: 'vercel',
  describe: 'vercel.json for each static front end (at its root) and deploy/vercel/<site>.md with the project settings, domains and environment variables',
  emit,
});
