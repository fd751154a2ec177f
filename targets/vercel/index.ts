// The Vercel target: one vercel.json per static site, at the site's root (Vercel's Root Directory),
// and deploy/vercel/<site>.md with the project settings vercel.json cannot hold (Root Directory,
// Node.js version, domains, environment variables). Container services are not Vercel's business.
// What the platform cannot express is in capabilities.ts (reported before emit runs); which stack
// environment is which Vercel environment, in environments.ts. See docs/targets/vercel.md.
import { deployedBy } from '../../src/deploy/deployed-by.js';
import type { DeployedEnvironment, DeployedService, DeploymentModel } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import { reporterFor } from '../../src/emit/emit-helpers.js';
import { fromOutputRoot, inDirectory } from '../../src/emit/paths.js';
import { toJson } from '../../src/emit/serialize/json.js';
import { mergePatches, patchesOf } from '../../src/emit/patches/document-patch.js';
import { readPatches } from '../../src/emit/patches/patches.js';
import type { Json } from '../../src/emit/patches/json.js';
import { defineTarget, type Artifact, type EmitContext, type Report } from '../../src/emit/target.js';
import { vercelAddressBook } from './address-book.js';
import capabilities from './capabilities.js';
import { siteCrons } from './crons.js';
import { configEnvironment, describeVercelEnvironment, mapEnvironments } from './environments.js';
import { frameworkInfo } from './frameworks.js';
import { readOptions, type VercelOptions } from './options.js';
import { setupPage } from './paths.js';
import { place } from './place.js';
import { originsIn } from './routing.js';
import { renderSetupPage, type SiteEnvironment } from './setup-page.js';
import { sharedVariables } from './shared-scope.js';
import { otherDomains, siteDomain } from './site.js';
import { siteVariables } from './variables.js';
import { vercelJson, type VercelJson } from './vercel-json.js';

/** A site deployed in each environment it runs in, in stack order. */
interface SiteDeployments {
  name: string;
  deployments: { environment: DeployedEnvironment; site: DeployedService }[];
}

/**
 * The static sites the target deploys, in order of first appearance, each in every environment of
 * the layout: all the target serves, even when `--env` asks for fewer, so building one environment
 * writes the same vercel.json as building them all.
 */
function sitesOf(plan: TargetPlan, environments: readonly DeployedEnvironment[]): SiteDeployments[] {
  const names = [...new Set(environments.flatMap((e) => plan.services(e.name).map((s) => s.name)))];
  return names.map((name) => ({
    name,
    deployments: environments.flatMap((environment) => {
      const site = plan.services(environment.name).find((s) => s.name === name);
      return site ? [{ environment, site }] : [];
    }),
  }));
}

/** Selected services the target does not run: containers, which are another platform's. */
function reportContainers(plan: TargetPlan, report: Report): void {
  for (const environment of plan.environments) {
    for (const s of plan.selected(environment)) {
      if (plan.runs(environment, s.name)) continue;
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

/** Advice about the site whose settings vercel.json holds. */
function adviseSite(site: DeployedService, json: VercelJson, options: VercelOptions, report: Report): void {
  const framework = site.static!.framework;
  if (framework === undefined) {
    report({
      severity: 'info',
      code: 'vercel/framework',
      message: `\`${site.name}\` names no \`static.framework\`, so Vercel detects it, and stackc adds no single-page-app fallback or asset caching`,
      path: site.origins.static ?? site.path,
      hint: 'set `static.framework` (e.g. `vite`)',
    });
  }
  if (json.regions && !frameworkInfo(framework).functions) {
    report({
      severity: 'info',
      code: 'vercel/regions',
      message: `\`targets.vercel.regions\` places Vercel Functions; \`${site.name}\` (${framework}) builds static files, which Vercel serves from every region of its CDN`,
      path: [...options.path, 'regions'],
    });
  }
}

/** Environments whose variables another environment in the same Vercel scope already sets, differently. */
function reportSharedScopes(site: string, environments: readonly SiteEnvironment[], reportIn: (environment: string) => Report): void {
  sharedVariables(environments).forEach((shared, i) => {
    const lost = shared.filter((v) => v.differs);
    if (!lost.length) return;
    const e = environments[i]!;
    const by = [...new Set(lost.map((v) => v.addedBy))].map((n) => `\`${n}\``).join(', ');
    reportIn(e.environment.name)({
      severity: 'warning',
      code: 'vercel/shared-variable-scope',
      message: `\`${e.environment.name}\` and ${by} both deploy \`${site}\` to ${describeVercelEnvironment(e.vercel)}, where Vercel holds one value per variable: \`${e.environment.name}\`'s ${lost.map((v) => `\`${v.variable.name}\``).join(', ')} would be ${by}'s`,
      path: [...e.environment.path, 'branch'],
      hint: `give \`${e.environment.name}\` a \`branch:\` of its own (its variables are then scoped to it), or serve one of them with \`targets.vercel.environments\``,
    });
  });
}

function emit(model: DeploymentModel, ctx: EmitContext): Artifact[] {
  if (ctx.environments.length === 0) return [];
  const { plan, report } = ctx;
  const options = readOptions(ctx.options, report);
  const served = plan.environments.map((name) => model.environment(name)!);
  const mapping = mapEnvironments(served, options);
  mapping.problems.forEach((p) => report(p));
  reportContainers(plan, report);

  // Environments outside `--env` shape the files but say nothing about themselves.
  const reportIn = reporterFor(ctx);
  const deployer = deployedBy(model.stack, 'vercel');
  const book = vercelAddressBook(plan);
  const artifacts: Artifact[] = [];
  for (const { name, deployments } of sitesOf(plan, served)) {
    const perEnvironment: SiteEnvironment[] = deployments.map(({ environment, site }) => {
      const domain = siteDomain(site);
      const others = otherDomains(site);
      return {
        environment: environment.environment,
        vercel: mapping.of(environment),
        ...(domain ? { domain } : {}),
        ...(others.length ? { otherDomains: others } : {}),
        ...(site.static!.node ? { node: site.static!.node } : {}),
        variables: siteVariables(site, environment, book, frameworkInfo(site.static!.framework), reportIn(environment.name)),
      };
    });

    reportSharedScopes(name, perEnvironment, reportIn);

    // One vercel.json serves every deployment: the Production environment's settings win (the gap
    // `vercel/environment-difference` reports when the others differ).
    const origins = originsIn(perEnvironment.flatMap((e) => e.variables.flatMap((v) => (v.value === undefined ? [] : [v.value]))));
    const site = configEnvironment(deployments.map((d) => d.site), mapping)!;
    const crons = siteCrons(plan, name, mapping.production);
    const json = vercelJson(site, options, origins, deployer === 'platform', deployments.flatMap((d) => d.site.redirects), crons);
    adviseSite(site, json, options, report);

    const root = site.static!.root;
    const rootFromOutput = fromOutputRoot(root, ctx.stackFile);
    if (rootFromOutput === undefined) {
      report({
        severity: 'warning',
        code: 'vercel/out-of-tree',
        message: `\`${name}\`'s root \`${root}\` is outside the output directory, so its vercel.json is written to \`${inDirectory(root, 'vercel.json')}\` below the output directory instead`,
        path: site.origins.static ?? site.path,
        hint: 'build into the project (without `--out`), or copy the file into the site',
      });
    }
    const dir = rootFromOutput ?? root;
    const configFile = inDirectory(dir, 'vercel.json');
    const secrets = [...new Set(perEnvironment.flatMap((e) => e.variables.filter((v) => v.sensitive).map((v) => v.name)))];
    const patches = patchesOf(readPatches('vercel', ctx.options), undefined, name);
    const patched = patches.length ? mergePatches(json as unknown as Json, patches, configFile, 'vercel', 'vercel/patch-failed', report) : json;
    artifacts.push({ path: configFile, target: 'vercel', content: toJson(patched), facts: { services: [name], images: [], secrets: [] }, ...(patches.length ? { patchedBy: patches.map((p) => p.path) } : {}) });
    const page = renderSetupPage({ service: name, configFile, rootDirectory: dir, deployedBy: deployer, ...(site.static!.framework ? { framework: site.static!.framework } : {}), environments: perEnvironment, crons }, ctx.stackFile);
    artifacts.push({ path: setupPage(name), target: 'vercel', content: page, facts: { services: [name], images: [], secrets } });
  }
  return artifacts;
}

export default defineTarget({
  name: 'vercel',
  describe: 'vercel.json for each static front end (at its root) and deploy/vercel/<site>.md with the project settings, domains and environment variables',
  capabilities,
  place,
  emit,
});
