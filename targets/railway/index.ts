// The Railway target: per service, one railway.json (config as code: build and deploy settings, with
// per-environment overrides) in its root directory, and per environment a `railway.<env>.env` with
// the variables to set — backing services as Railway reference variables, secrets by name only —
// and the one-time setup railway.json cannot hold. See docs/targets/railway.md.
import { toJson } from '../../src/emit/serialize/json.js';
import { defineTarget, type Artifact } from '../../src/emit/target.js';
import type { Resource, Service, Stack } from '../../src/model/stack.js';
import { railwayJson, settingsOf, type Settings } from './config.js';
import { reporterFor } from '../../src/emit/emit-helpers.js';
import type { Report } from '../../src/emit/target.js';
import { layoutEnvironments, planLayout } from './layout.js';
import { BUILT_IN, railwayNames, TEMPLATE_NAMES } from './resources.js';
import { createScope } from './scope.js';
import { railwayVariables } from './variables.js';
import { variablesFile } from './variables-file.js';

export default defineTarget({
  name: 'railway',
  describe: 'railway.json per service (config as code, per-environment overrides) and the variables to set per environment',
  emit(stack, ctx) {
    if (!ctx.environments.length) return [];
    const environments = layoutEnvironments(stack, ctx);
    const layout = planLayout(stack, ctx, environments);
    const names = railwayNames(stack);
    const settings = new Map<string, { environment: string; settings: Settings }[]>();
    const files = new Map<string, Artifact[]>();

    for (const environment of environments) {
      const view = stack.views.get(environment);
      if (!view) continue;
      const building = ctx.environments.includes(environment);
      const report = reporterFor(ctx)(environment);
      const scope = createScope(stack, view, ctx.services, layout, names, ctx.stackFile, report);
      for (const service of view.services) {
        if (!ctx.services.includes(service.name)) continue;
        if (!settings.has(service.name)) {
          settings.set(service.name, []);
          files.set(service.name, []);
        }
        const { settings: s, notes } = settingsOf(service, scope);
        settings.get(service.name)!.push({ environment, settings: s });
        const vars = railwayVariables(service, scope);
        reportResources(vars.resources, report);
        if (building) files.get(service.name)!.push(variablesFile(service, scope, vars, notes));
      }
    }

    const report = ctx.report;
    const artifacts: Artifact[] = [];
    for (const [name, perEnvironment] of settings) {
      const service = findService(stack, name)!;
      reportDisabled(service, environments, perEnvironment.map((e) => e.environment), report);
      const json = railwayJson(perEnvironment, (environment, key, base) => {
        report({
          severity: 'warning',
          code: 'railway/override',
          message: `railway.json cannot unset \`${key}\` for environment \`${environment}\`: \`${service.name}\` has none there, but Railway applies the base value ${JSON.stringify(base)} to it`,
          path: service.path,
          hint: `set \`${key}\` for \`${service.name}\` in every environment, or clear it in the service settings of \`${environment}\``,
        });
      });
      artifacts.push({ path: layout.config(name), target: 'railway', content: toJson(json) });
      artifacts.push(...files.get(name)!);
    }
    return artifacts;
  },
});

function findService(stack: Stack, name: string): Service | undefined {
  for (const view of stack.views.values()) {
    const s = view.services.find((x) => x.name === name);
    if (s) return s;
  }
  return undefined;
}

function reportDisabled(service: Service, environments: readonly string[], present: readonly string[], report: Report): void {
  const missing = environments.filter((e) => !present.includes(e));
  for (const environment of missing) {
    report({
      severity: 'info',
      code: 'railway/disabled-service',
      message: `\`${service.name}\` is not enabled in \`${environment}\`: railway.json cannot switch a service off, so do not create it in that Railway environment (or delete it there)`,
      path: service.path,
    });
  }
}

function reportResources(resources: readonly Resource[], report: Report): void {
  for (const r of resources) {
    if (r.external) {
      report({ severity: 'info', code: 'railway/external-resource', message: `the ${r.type} \`${r.name}\` is external here: its URL is a variable you set in Railway, not a reference`, path: r.path });
      continue;
    }
    report({
      severity: 'info',
      code: 'railway/resource',
      message: BUILT_IN.has(r.type)
        ? `the ${r.type} \`${r.name}\` is Railway's ${TEMPLATE_NAMES[r.type]} database, added to the project by hand (railway.json does not create it); version ${r.version} and storage ${r.storage} are Railway's choice`
        : `the ${r.type} \`${r.name}\` comes from Railway's ${TEMPLATE_NAMES[r.type]} template (added by hand); services read its details from the image's variables (${r.type === 'rabbitmq' ? 'RABBITMQ_DEFAULT_USER/PASS' : 'MARIADB_USER/PASSWORD/DATABASE'}) and RAILWAY_PRIVATE_DOMAIN`,
      path: r.path,
    });
  }
}
