// The Fly.io target: one fly.toml per service the target deploys (per environment when it deploys
// several), in the service's build context, so `fly deploy -c <file>` run there builds and deploys
// it. Secrets and backing-service URLs never reach the file: its header lists them by name with the
// `fly secrets set` command. See docs/targets/fly.md for the mapping and the decisions behind it.
import { defineTarget, type Artifact } from '../../src/emit/target.js';
import { flyFile } from './fly-file.js';
import { planLayout } from './layout.js';
import { readOptions } from './options.js';
import { createScope } from './scope.js';

export default defineTarget({
  name: 'fly',
  describe: 'fly.toml per service (and environment) in its build context, deployable with `fly deploy -c <file>`',
  emit(stack, ctx) {
    const report = ctx.report;
    const options = readOptions(stack, ctx.options);
    const layout = planLayout(stack, ctx);
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
    for (const environment of ctx.environments) {
      const view = stack.views.get(environment);
      if (!view) continue;
      const scope = createScope(stack, view, ctx.services, options, layout, ctx.stackFile, report);
      for (const service of view.services) {
        if (!ctx.services.includes(service.name)) continue;
        if (service.kind === 'static') {
          report({
            severity: 'info',
            code: 'fly/static-service',
            message: `\`${service.name}\` is a static site: the fly target deploys containers only`,
            path: service.path,
            hint: 'deploy it with the vercel target, or serve it from a container (e.g. nginx) in a service of its own',
          });
          continue;
        }
        artifacts.push(flyFile(service, scope));
      }
    }
    return artifacts;
  },
});
