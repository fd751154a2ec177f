// The Fly.io target: one fly.toml per service the target deploys (per environment when it deploys
// several), in the service's build context, so `fly deploy -c <file>` run there builds and deploys
// it. Secrets and backing-service URLs never reach the file: its header lists them by name with the
// `fly secrets set` command. See docs/targets/fly.md for the mapping and the decisions behind it.
import { workflowDeploys } from '../../src/deploy/deployed-by.js';
import { defineTarget, type Artifact } from '../../src/emit/target.js';
import capabilities from './capabilities.js';
import { flyFile } from './fly-file.js';
import { planLayout } from './layout.js';
import { readOptions } from './options.js';
import { place } from './place.js';
import { createScope } from './scope.js';
import { hostedJobs, schedulerOf } from './jobs.js';

export default defineTarget({
  name: 'fly',
  describe: 'fly.toml per service (and environment) in its build context, deployable with `fly deploy -c <file>`',
  capabilities,
  place,
  emit(model, ctx) {
    const { plan, report } = ctx;
    const options = readOptions(model.stack, ctx.options);
    const layout = planLayout(plan);
    const artifacts: Artifact[] = [];
    if (ctx.environments.length && !options.region) {
      report({
        severity: 'info',
        code: 'fly/region',
        message: 'no `region` in `targets.fly`: the files have no `primary_region`, and flyctl picks one on the first deploy',
        path: options.path,
        hint: 'set `region: fra` (a Fly region code, `fly platform regions`)',
      });
    }
    // Checked over every environment the target deploys, so `--env` narrowing the build reports the same.
    for (const [environment, services] of Object.entries(options.apps)) {
      for (const service of Object.keys(services)) {
        if (plan.environments.includes(environment) && plan.services(environment).some((s) => s.name === service)) continue;
        report({
          severity: 'warning',
          code: 'fly/app-unused',
          message: `\`targets.fly.apps\` names an app for \`${service}\` in environment \`${environment}\`, ${plan.environments.includes(environment) ? 'where the fly target runs no such service' : 'an environment the fly target does not deploy'}: the name is not used`,
          path: [...options.path, 'apps', environment, service],
          hint: `the fly target runs ${plan.environments.map((e) => `${e}: ${plan.services(e).map((s) => s.name).join(', ') || 'nothing'}`).join('; ')}`,
        });
      }
    }
    for (const name of ctx.environments) {
      const environment = model.environment(name);
      if (!environment) continue;
      const scope = createScope(environment, ctx, options, layout, workflowDeploys(model.stack, 'fly', name));
      const runs = new Set(plan.services(name).map((s) => s.name));
      // Each job runs in the app of its `from` service (jobs.ts); the others are the `fly/job` gap.
      const jobs = hostedJobs(plan.jobs(name), plan.services(name), schedulerOf(ctx.options));
      // Selected but not run: static sites (Fly runs containers only).
      for (const service of plan.selected(name)) {
        if (runs.has(service.name)) {
          artifacts.push(flyFile(service, scope, jobs.filter((j) => j.host.name === service.name)));
          continue;
        }
        report({
          severity: 'info',
          code: 'fly/static-service',
          message: `\`${service.name}\` is a static site: the fly target deploys containers only`,
          path: service.path,
          hint: 'deploy it with the vercel target, or serve it from a container (e.g. nginx) in a service of its own',
        });
      }
    }
    return artifacts;
  },
});
