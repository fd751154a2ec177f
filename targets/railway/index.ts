// The Railway target: per service, one railway.json (config as code: build and deploy settings, with
// per-environment overrides) in its root directory, and per environment a `railway.<env>.env` with
// the variables to set — backing services as Railway reference variables, secrets by name only —
// and the one-time setup railway.json cannot hold. See docs/targets/railway.md.
import { gapsMet } from '../../src/emit/capabilities.js';
import { deployedBy, workflowDeploys } from '../../src/deploy/deployed-by.js';
import type { DeployedResource, DeployedService } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import { reporterFor } from '../../src/emit/emit-helpers.js';
import { toJson } from '../../src/emit/serialize/json.js';
import { mergePatches, patchesOf } from '../../src/emit/patches/document-patch.js';
import { readPatches } from '../../src/emit/patches/patches.js';
import type { Json } from '../../src/emit/patches/json.js';
import { defineTarget, type Artifact, type Report } from '../../src/emit/target.js';
import { railwayAddressBook } from './address-book.js';
import capabilities from './capabilities.js';
import { railwayJson, settingsOf, type Settings } from './config.js';
import { hasCode, planLayout, railwayServices, repositoryPath, rootDirectory } from './layout.js';
import { place } from './place.js';
import { readOptions, type RailwayOptions } from './options.js';
import { railwayNames } from './resources.js';
import type { Scope } from './scope.js';
import { variablesFile } from './variables-file.js';
import { railwayVariables } from './variables.js';

/** One Railway service: its settings in each environment it runs in, and the variables files being written. */
interface RailwayService {
  service: DeployedService;
  settings: { environment: string; settings: Settings }[];
  files: Artifact[];
}

export default defineTarget({
  name: 'railway',
  describe: 'railway.json per service (config as code, per-environment overrides) and the variables to set per environment',
  capabilities,
  place,
  emit(model, ctx) {
    if (!ctx.environments.length) return [];
    const plan = ctx.plan;
    const layout = planLayout(plan, ctx.stackFile);
    const options = readOptions(ctx.options);
    const names = railwayNames(model, options.names);
    reportUnusedNames(options, plan, ctx.report);
    const services = new Map<string, RailwayService>();
    const deployer = deployedBy(model.stack, 'railway');

    // railway.json covers every environment the target deploys, even when `--env` builds fewer;
    // only the environments being built write variables files and report.
    for (const name of plan.environments) {
      const environment = model.environment(name)!;
      const building = ctx.environments.includes(name);
      const report = reporterFor(ctx)(name);
      const scope: Scope = { environment, plan, layout, stackFile: ctx.stackFile, names, book: railwayAddressBook(environment, plan, names), deployedBy: deployer, workflowDeploys: workflowDeploys(model.stack, 'railway', name), report };
      for (const service of railwayServices(plan, name)) {
        let entry = services.get(service.name);
        if (!entry) services.set(service.name, (entry = { service, settings: [], files: [] }));
        const settings = settingsOf(service, report, (path) => repositoryPath(path, ctx.stackFile), hasCode(service) ? layout.config(service.name) : undefined);
        entry.settings.push({ environment: name, settings });
        if (!building) continue;
        const vars = railwayVariables(service, scope);
        reportExternal(vars.resources, report);
        const notes = gapsMet(ctx.gaps, service).flatMap((gap) => gap.note ?? []);
        entry.files.push(variablesFile(service, scope, vars, notes, settings));
      }
    }

    const report = ctx.report;
    const artifacts: Artifact[] = [];
    for (const { service, settings, files } of services.values()) {
      reportDisabled(service, plan.environments, settings.map((e) => e.environment), report);
      // Railway reads config as code from a deployment's source code; a service whose source is an
      // image has none, so its settings are in its variables files' setup instead.
      if (!hasCode(service)) {
        artifacts.push(...files);
        continue;
      }
      if (layout.outside(service.name)) reportOutOfTree(service, layout.config(service.name), report);
      const json = railwayJson(settings, (environment, key, base) => {
        report({
          severity: 'warning',
          code: 'railway/override',
          message: `railway.json cannot unset \`${key}\` for environment \`${environment}\`: \`${service.name}\` has none there, but Railway applies the base value ${JSON.stringify(base)} to it`,
          path: service.path,
          hint: `set \`${key}\` for \`${service.name}\` in every environment, or clear it in the service settings of \`${environment}\``,
        });
      });
      const file = layout.config(service.name);
      const patches = patchesOf(readPatches('railway', ctx.options), undefined, service.name);
      const patched = patches.length ? mergePatches(json as unknown as Json, patches, file, 'railway', 'railway/patch-failed', report) : json;
      artifacts.push({ path: file, target: 'railway', content: toJson(patched), facts: { services: [service.name], images: [], secrets: [] }, ...(patches.length ? { patchedBy: patches.map((p) => p.path) } : {}) });
      artifacts.push(...files);
    }
    return artifacts;
  },
});

function reportDisabled(service: DeployedService, environments: readonly string[], present: readonly string[], report: Report): void {
  for (const environment of environments.filter((e) => !present.includes(e))) {
    report({
      severity: 'info',
      code: 'railway/disabled-service',
      message: `\`${service.name}\` is not enabled in \`${environment}\`: railway.json cannot switch a service off, so do not create it in that Railway environment (or delete it there)`,
      path: service.path,
    });
  }
}

/** `--out` to a subdirectory of the project: the service's root directory is not under the output root. */
function reportOutOfTree(service: DeployedService, configFile: string, report: Report): void {
  report({
    severity: 'warning',
    code: 'railway/out-of-tree',
    message: `\`${service.name}\`'s root directory \`${rootDirectory(service)}\` is outside the output directory, so its railway files are written to \`${configFile}\` below the output directory instead`,
    path: service.origins.build ?? service.origins.static ?? service.path,
    hint: 'build into the project (without `--out`, or with `--out` at the repository root), or copy the files into the root directory',
  });
}

/** An external backing service is no Railway service: the variables that need it are the user's to set. */
function reportExternal(resources: readonly DeployedResource[], report: Report): void {
  for (const r of resources.filter((x) => x.external)) {
    const what = r.type === 's3' ? 'its keys are variables' : r.type === 'container' ? 'its outputs are variables' : 'its URL is a variable';
    report({ severity: 'info', code: 'railway/external-resource', message: `the ${r.type} \`${r.name}\` is external here: ${what} you set in Railway, not a reference`, path: r.path });
  }
}

/** A `names` entry for nothing the target runs does nothing: most often a typo, which would leave the service to be renamed. */
function reportUnusedNames(options: RailwayOptions, plan: TargetPlan, report: Report): void {
  const runs = new Set(plan.environments.flatMap((e) => [...railwayServices(plan, e).map((s) => s.name), ...plan.resources(e).filter((r) => !r.external).map((r) => r.name)]));
  for (const name of Object.keys(options.names).filter((n) => !runs.has(n))) {
    report({
      severity: 'warning',
      code: 'railway/name-unused',
      message: `\`targets.railway.names\` names a Railway service for \`${name}\`, which the railway target does not run: the name is not used`,
      path: [...options.path, 'names', name],
      hint: `the railway target runs ${[...runs].map((n) => `\`${n}\``).join(', ') || 'nothing'}`,
    });
  }
}
