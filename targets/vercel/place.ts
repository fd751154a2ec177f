// Where Vercel serves each static site of an environment: a Vercel project per site, deployed to the
// Vercel environment the stack environment maps to (environments.ts), on the site's domain or a
// *.vercel.app address.
import type { DeploymentModel } from '../../src/deploy/model.js';
import { addressEntry, type Entry, type Placement } from '../../src/emit/placement.js';
import type { PlaceContext } from '../../src/emit/target.js';
import { vercelAddressBook } from './address-book.js';
import { mapEnvironments, VERCEL_TITLES } from './environments.js';
import { frameworkInfo } from './frameworks.js';
import { readOptions } from './options.js';
import { siteDomain } from './site.js';
import { siteVariables } from './variables.js';

export function place(model: DeploymentModel, ctx: PlaceContext): Placement[] {
  const served = ctx.plan.environments.map((name) => model.environment(name)!);
  const mapping = mapEnvironments(served, readOptions(ctx.options, () => {}));
  const book = vercelAddressBook(ctx.plan);
  return served.map((environment) => {
    const mapped = mapping.of(environment);
    // The crons of vercel.json (crons.ts): the Production environment's HTTP jobs, in UTC whatever their `timezone`.
    const crons = mapped.target === 'production' ? ctx.plan.httpJobs(environment.name).map((job) => ({ name: job.name, facts: [`cron GET ${job.http!.path}`, `schedule ${job.schedule!.cron.text} UTC`] })) : [];
    return {
      target: 'vercel',
      environment: environment.name,
      lines: [`${VERCEL_TITLES[mapped.target]} environment${mapped.gitBranch ? ` · branch ${mapped.gitBranch}` : ''}`],
      services: ctx.plan.services(environment.name).map((service) => {
        // Without a domain the site has only Vercel's deployment URL; Vercel's Development
        // environment is `vercel dev` on the developer's machine.
        const domain = siteDomain(service);
        // The values the setup page writes (the build reports about them); secrets have none.
        const variables = siteVariables(service, environment, book, frameworkInfo(service.static!.framework), () => {}).flatMap((v) => (v.value === undefined ? [] : [{ name: v.name, value: v.value }]));
        const entries: Entry[] =
          mapped.target === 'development'
            ? [{ key: `@entry/vercel-dev/${service.name}`, title: 'vercel dev', lines: [`local server of ${service.name}`], label: 'Vercel CLI' }]
            : domain
              ? service.endpoints.filter((e) => e.routable).map((e) => addressEntry(e, 'Vercel CDN · HTTPS'))
              : [{ key: `@entry/vercel/${service.name}`, title: '*.vercel.app', lines: [`deployment URL of ${service.name}`], label: 'Vercel CDN · HTTPS' }];
        return {
          name: service.name,
          facts: [],
          entries,
          deploy: { kind: 'vercel', environment: mapped.target, ...(mapped.gitBranch ? { gitBranch: mapped.gitBranch } : {}), ...(domain ? { domain } : {}), variables },
        };
      }),
      resources: [],
      ...(crons.length ? { jobs: crons } : {}),
    };
  });
}
