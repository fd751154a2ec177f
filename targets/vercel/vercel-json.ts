// One static site's vercel.json. The file applies to every deployment of the Vercel project
// (Production and Preview alike), so it is built from settings that do not change between
// environments; the capability gap `vercel/environment-difference` reports when they do differ.
import type { DeployedService, Redirect } from '../../src/deploy/model.js';
import { frameworkInfo } from './frameworks.js';
import type { VercelOptions } from './options.js';
import { routing, type HeaderRule, type Rewrite } from './routing.js';
import { domainRedirects, type VercelRedirect } from './redirects.js';
import { configSettings } from './site.js';

export const VERCEL_SCHEMA = 'https://openapi.vercel.sh/vercel.json';

/** The vercel.json keys stackc writes; the tests check it against @vercel/config's VercelConfig. */
export interface VercelJson {
  $schema: string;
  framework?: string | null;
  installCommand?: string;
  buildCommand?: string;
  outputDirectory?: string;
  regions?: string[];
  cleanUrls?: boolean;
  trailingSlash?: boolean;
  redirects?: VercelRedirect[];
  rewrites?: Rewrite[];
  headers?: HeaderRule[];
  crons?: Cron[];
  git?: { deploymentEnabled: false };
}

/** A `crons` entry: Vercel sends a GET to `path` of the Production deployment on `schedule`, in UTC. */
export interface Cron {
  path: string;
  schedule: string;
}

/**
 * The settings of a site that vercel.json holds, as written in one environment.
 * @param gitDeploys whether Vercel's Git integration deploys the site; when the GitHub Actions
 * workflows deploy it, Vercel's deployments of each push are switched off
 * (https://vercel.com/docs/project-configuration/git-configuration#git.deploymentenabled), or every
 * push would deploy twice, once without waiting for CI
 * @param redirects the site's redirects in every environment it is deployed to
 * @param crons the site's HTTP jobs in the Production environment (crons.ts)
 */
export function vercelJson(site: DeployedService, options: VercelOptions, connectOrigins: readonly string[], gitDeploys = true, redirects: readonly Redirect[] = [], crons: readonly Cron[] = []): VercelJson {
  const s = configSettings(site);
  const domains = domainRedirects(redirects);
  const framework = frameworkInfo(s.framework);
  const { rewrites, headers } = routing(framework, options, connectOrigins);
  return {
    $schema: VERCEL_SCHEMA,
    ...(s.framework !== undefined ? { framework: framework.slug } : {}),
    ...(s.install ? { installCommand: s.install } : {}),
    ...(s.build ? { buildCommand: s.build } : {}),
    ...(s.output ? { outputDirectory: s.output } : {}),
    ...(options.regions.length ? { regions: [...options.regions] } : {}),
    ...(options.cleanUrls !== undefined ? { cleanUrls: options.cleanUrls } : {}),
    ...(options.trailingSlash !== undefined ? { trailingSlash: options.trailingSlash } : {}),
    ...(domains.length ? { redirects: domains } : {}),
    ...(rewrites.length ? { rewrites } : {}),
    ...(headers.length ? { headers } : {}),
    ...(crons.length ? { crons: [...crons] } : {}),
    ...(gitDeploys ? {} : { git: { deploymentEnabled: false as const } }),
  };
}
