// What vercel.json and a Vercel project can express (src/emit/capabilities.ts): data only, read
// without loading the emitter. The gaps are reported by the build before the files are rendered, and
// by lint from the model; every other code the emitter reports is listed under `codes`.
import type { DeployedEnvironment, DeployedService, Endpoint } from '../../src/deploy/model.js';
import { defineCapabilities, type Gap } from '../../src/emit/capabilities.js';
import { jobsNotExpressible } from '../../src/emit/job-gaps.js';
import { isSecretContainerOutput } from '../../src/deploy/container-outputs.js';
import { SECRET_RESOURCE_OUTPUTS } from '../../src/model/resource-types.js';
import { references } from '../../src/model/template.js';
import { isShellName } from '../../src/vocabulary/env-var-name.js';
import { configEnvironment, mapEnvironments } from './environments.js';
import { readOptions } from './options.js';
import { sameConfig, siteDomain } from './site.js';

const ignore = (): void => {};

const nodeVersion: Gap = {
  code: 'vercel/node-version',
  setting: 'static.node',
  support: 'approximated',
  severity: 'info',
  summary: 'vercel.json cannot set the Node.js version: the setup page says where to set it, and the GitHub Actions deploy builds with it',
  service(site) {
    const node = site.static?.node;
    if (!node) return undefined;
    return {
      message: `vercel.json cannot set the Node.js version (\`static.node: ${node}\`); deploy/vercel/${site.name}.md says where to set it, and the GitHub Actions deploy builds with it`,
      path: site.origins.static ?? site.path,
      hint: `set \`engines.node\` to \`${node}.x\` in the site's package.json, or the project's Node.js Version`,
    };
  },
};

const publicPath: Gap = {
  code: 'vercel/public-path',
  setting: 'public.path (of a static site)',
  support: 'dropped',
  severity: 'warning',
  summary: 'a Vercel project serves a whole host: a site public under a path is served at the root',
  service(site) {
    const endpoint = site.endpoints[0];
    if (!endpoint || endpoint.path === '/') return undefined;
    return {
      message: `\`${site.name}\` is public under \`${endpoint.path}\`, but a Vercel project serves a whole host; vercel.json cannot mount it under a path`,
      path: endpoint.at,
      hint: 'serve the site at the root of its host, or build it with a base path and proxy to it from the site that owns the host',
    };
  },
};

const environmentDifference: Gap = {
  code: 'vercel/environment-difference',
  setting: 'static (differing between environments)',
  support: 'approximated',
  severity: 'warning',
  summary: "one vercel.json serves every deployment of a Vercel project: it holds the Production environment's `static` settings",
  service(site, { plan, options }) {
    const deployments = plan.environments.flatMap((name) => plan.services(name).filter((s) => s.name === site.name));
    const mapping = mapEnvironments(plan.environments.map((name) => plan.environment(name)!), readOptions(options, ignore));
    const chosen = configEnvironment(deployments, mapping)!;
    const differing = deployments.filter((d) => !sameConfig(d, chosen)).map((d) => d.environment);
    if (differing.length === 0) return undefined;
    return {
      message: `the \`static\` settings of \`${site.name}\` differ in ${differing.map((e) => `\`${e}\``).join(', ')} from \`${chosen.environment}\`, but one vercel.json serves every Vercel deployment of the site; it holds \`${chosen.environment}\`'s`,
      path: chosen.origins.static ?? chosen.path,
      hint: 'keep `static` the same in every environment the vercel target serves, and vary behaviour with environment variables',
    };
  },
};

/** Containers public on the site's domain in its environment: Vercel answers for that whole host. */
function containersOnSiteHost(site: DeployedService, environment: DeployedEnvironment): { service: DeployedService; endpoint: Endpoint; host: string }[] {
  const host = siteDomain(site);
  if (!host) return [];
  return environment.services.flatMap((service) => {
    const endpoint = service.endpoints[0];
    return service.kind === 'container' && endpoint?.host === host ? [{ service, endpoint, host }] : [];
  });
}

const proxyNeeded: Gap = {
  code: 'vercel/proxy-needed',
  setting: 'public.path (of a container on the site\'s host)',
  support: 'dropped',
  severity: 'warning',
  summary: 'a container routed to a path of the site\'s host is reached only through a `proxy` rewrite, which needs to know where it runs',
  service(site, { environment, options }) {
    const proxy = readOptions(options, ignore).proxy;
    return containersOnSiteHost(site, environment).flatMap(({ service, endpoint, host }) => {
      const path = endpoint.path;
      if (path === '/' || proxy.some((r) => path === r.prefix || path.startsWith(`${r.prefix}/`))) return [];
      return [{
        message: `\`${service.name}\` is served at \`${host}${path}\` in environment \`${environment.name}\`, but Vercel serves \`${host}\` and does not know where \`${service.name}\` runs, so \`${path}\` would reach the site instead`,
        path: endpoint.at,
        hint: `add \`targets: { vercel: { proxy: { "${path}": "https://<where ${service.name} runs>${path}" } } }\``,
      }];
    });
  },
};

const hostConflict: Gap = {
  code: 'vercel/host-conflict',
  setting: 'public (a container at the root of the site\'s host)',
  support: 'dropped',
  severity: 'warning',
  summary: 'a host name points at one platform: a container served at the root of the site\'s host is not reached',
  service(site, { environment }) {
    return containersOnSiteHost(site, environment).flatMap(({ service, endpoint, host }) =>
      endpoint.path !== '/'
        ? []
        : [{
            message: `\`${service.name}\` and the static site \`${site.name}\` are both served at the root of \`${host}\` in environment \`${environment.name}\`; a host name points at one platform`,
            path: endpoint.at,
            hint: `serve \`${service.name}\` on a host of its own (e.g. \`public: { host: api.\${environment.domain} }\`) or under a path such as \`/api\``,
          }],
    );
  },
};

const resourceReference: Gap = {
  code: 'vercel/resource-reference',
  setting: 'env: ${resources.*}',
  support: 'dropped',
  severity: 'warning',
  summary: 'Vercel provisions no backing service and cannot see their addresses: the variable is listed for you to set',
  service(site, { environment }) {
    // A container resource's outputs are its own: secret where declared so (or external), not by name.
    const credential = (ref: { name: string; key: string }) => {
      const resource = environment.resource(ref.name);
      return resource?.type === 'container' ? isSecretContainerOutput(resource, ref.key) : SECRET_RESOURCE_OUTPUTS.has(ref.key);
    };
    return site.env.flatMap((variable) =>
      references(variable.value)
        .filter((ref) => ref.root === 'resources')
        .map((ref) => ({
          message: `\`${variable.name}\` of \`${site.name}\` refers to \`${ref.text}\`, but backing services run on another platform and Vercel cannot see their addresses; stackc lists it for you to set on Vercel`,
          path: variable.path,
          hint: credential(ref)
            ? 'set it as a Sensitive variable (it carries a credential); a database URL in a front end\'s variables usually belongs to an API instead'
            : `set it to where \`${ref.name}\` is reachable from Vercel`,
        })),
    );
  },
};

const variableName: Gap = {
  code: 'vercel/env-name',
  setting: 'env (names with `.` or `-`)',
  support: 'dropped',
  severity: 'warning',
  summary: 'Vercel takes variable names of letters, digits and `_` only: a name with `.` or `-` is refused by `vercel env add`',
  service(site) {
    return site.env
      .filter((variable) => !isShellName(variable.name))
      .map((variable) => ({
        message: `Vercel refuses the variable name \`${variable.name}\` of \`${site.name}\`: its names are letters, digits and \`_\``,
        path: variable.path,
        hint: `rename it for Vercel (\`${variable.name.replace(/[.-]/g, '_')}\`), or leave \`${site.name}\` out of the vercel target`,
      }));
  },
};
// Vercel's crons call a path of the Production deployment over HTTP (https://vercel.com/docs/cron-jobs);
// a container job runs a container, which Vercel does not run (an HTTP job is a cron, below).
const jobs = jobsNotExpressible({
  code: 'vercel/job',
  title: 'Vercel',
  severity: 'info',
  summary: 'a job: Vercel runs no containers (its crons call a path of a Production deployment)',
  why: () => 'a job runs a container, and Vercel runs none (its crons only call a path of the site)',
  hint: () => 'leave the job to a target that runs containers (`targets.vercel.services`), or serve it as a function of the site and make it an HTTP job (`from: <site>`, `http: /api/cron/<name>`), which vercel.json\'s `crons` runs',
});

/**
 * A Vercel deployment is immutable static files (and functions) behind Vercel's edge: there is no
 * process to signal or drain, and a new deployment takes every request at once when it is promoted
 * (https://vercel.com/docs/deployments). The settings mean nothing there; said at their lines.
 */
const shutdown: Gap = {
  code: 'vercel/shutdown',
  setting: 'stop_signal, stop_grace_period, drain_period, rollout',
  support: 'dropped',
  severity: 'info',
  summary: 'not applicable: a Vercel deployment has no process to stop or drain, and a new one serves every request once it is ready',
  service(site) {
    const set = (['stop_signal', 'stop_grace_period', 'drain_period', 'rollout'] as const).filter((key) => site.origins[key]);
    return set.map((key) => ({
      message: `\`${key}\` of \`${site.name}\` is not applicable on Vercel: a deployment is static files (and functions) with no process to stop or drain, and Vercel moves every request to a new deployment once it is ready`,
      path: site.origins[key]!,
      hint: 'remove it, or keep it for the targets that run containers',
    }));
  },
};

// An HTTP job of a site the target deploys is a `crons` entry of its vercel.json: Vercel sends a GET
// to the path of the Production deployment, in UTC (https://vercel.com/docs/cron-jobs).
const cronTimezone: Gap = {
  code: 'vercel/cron-timezone',
  setting: 'jobs.timezone (of an HTTP job)',
  support: 'approximated',
  severity: 'warning',
  summary: "an HTTP job's `timezone` other than UTC: Vercel runs crons in UTC",
  httpJob(job) {
    const zone = job.schedule?.timezone;
    if (!zone || ['UTC', 'Etc/UTC'].includes(zone)) return undefined;
    return {
      message: `Vercel runs crons in UTC: \`${job.schedule!.cron.text}\` of \`${job.name}\` runs at that time UTC, not in ${zone}`,
      path: job.origins.timezone ?? job.schedule!.path,
      hint: 'write the schedule in UTC (and mind daylight saving time), and remove `timezone`',
    };
  },
};

const cronEnvironment: Gap = {
  code: 'vercel/cron-environment',
  setting: 'jobs.http (outside the Production environment)',
  support: 'dropped',
  severity: 'info',
  summary: "an HTTP job in an environment other than Vercel's Production: Vercel calls crons on the Production deployment only",
  httpJob(job, { environment, plan, options }) {
    const production = mapEnvironments(plan.environments.map((name) => plan.environment(name)!), readOptions(options, ignore)).production;
    if (environment.name === production) return undefined;
    return {
      message: `Vercel calls crons on the Production deployment only: \`${job.name}\` does not run in \`${environment.name}\``,
      path: job.path,
      hint: `say so with \`enabled: false\` under \`jobs.${job.name}.environments.${environment.name}\``,
    };
  },
};

export default defineCapabilities({
  title: 'Vercel',
  runs: { services: ['static'], resources: 'none' },
  gaps: [nodeVersion, publicPath, environmentDifference, proxyNeeded, hostConflict, resourceReference, variableName, shutdown, jobs, cronTimezone, cronEnvironment],
  codes: {
    'vercel/patch-failed': { severity: 'error', summary: 'a patch (`targets.vercel.patches`) that gives a value stackc writes in the vercel.json another type, which the platform\'s schema refuses' },
    'vercel/container-service': { severity: 'info', summary: 'a container service among the target\'s services: Vercel serves static front ends, so nothing is written for it' },
    'vercel/framework': { severity: 'info', summary: 'no `static.framework`: Vercel detects the preset, and stackc adds no single-page-app fallback or asset caching' },
    'vercel/regions': { severity: 'info', summary: '`targets.vercel.regions` for a site that builds only static files: it places Vercel Functions, which the site has none of' },
    'vercel/public-secret': { severity: 'warning', summary: 'a secret named with the framework\'s browser prefix: the framework builds it into the JavaScript every visitor downloads' },
    'vercel/service-not-deployed': { severity: 'warning', summary: 'a site refers to the host, port or url of a service the vercel target does not run, an address inside another platform\'s network: listed for you to set' },
    'vercel/out-of-tree': { severity: 'warning', summary: 'the site lies outside the output directory: its vercel.json is written below it instead' },
    'vercel/production': { severity: 'error', summary: '`targets.vercel.production` names an environment the target does not serve, or two served environments have the role `production` and none is named' },
    'vercel/preview-on-production-branch': { severity: 'warning', summary: 'a Preview environment\'s `branch` is the Production environment\'s: Vercel refuses Preview variables and domains scoped to its Production Branch, so its variables are set for all Preview branches' },
    'vercel/shared-variable-scope': { severity: 'warning', summary: 'two environments map to the same Vercel environment and branch, where Vercel holds one value per variable: the later one\'s differing values are not added (adding them again fails)' },
    'vercel/no-production': { severity: 'warning', summary: 'no served environment has the role `production` and `targets.vercel.production` names none: nothing deploys to Vercel Production' },
    'vercel/option': { severity: 'error', summary: 'an option of the wrong shape in options that did not come through the stack schema' },
  },
  outputs: ['vercel.json', '**/vercel.json', 'deploy/vercel/*.md'],
});
