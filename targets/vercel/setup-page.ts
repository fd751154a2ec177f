// deploy/vercel/<site>.md: what a Vercel project needs besides vercel.json — the Root Directory,
// the Node.js version, which stack environment is which Vercel environment, domains, and every
// environment variable as a `vercel env add` command (values for plain settings, prompts for
// secrets: stackc never writes a secret value).
import type { Deployer } from '../../src/deploy/deployed-by.js';
import { generatedHeader } from '../../src/emit/serialize/header.js';
import type { Environment } from '../../src/model/stack.js';
import { shellQuote } from '../../src/emit/text.js';
import { describeVercelEnvironment, plainBranch, type VercelEnvironment } from './environments.js';
import { sharedVariables } from './shared-scope.js';
import type { Variable } from './variables.js';
import type { Cron } from './vercel-json.js';

export interface SiteEnvironment {
  environment: Environment;
  vercel: VercelEnvironment;
  domain?: string;
  /** Its other hosts and the hosts redirecting to it, which the project holds as domains too. */
  otherDomains?: string[];
  node?: string;
  variables: Variable[];
}

export interface SetupPage {
  service: string;
  /** vercel.json, relative to the output root (the repository root). */
  configFile: string;
  /** The site's directory relative to the repository root: the project's Root Directory. */
  rootDirectory: string;
  framework?: string;
  /** Who deploys the site: the GitHub Actions workflows (Vercel's Git deployments off) or Vercel's Git integration. */
  deployedBy: Deployer;
  environments: SiteEnvironment[];
  /** vercel.json's `crons`: the Production environment's HTTP jobs of the site (crons.ts). */
  crons?: readonly Cron[];
}

/** What the site's functions must do for its crons: Vercel calls them on Production, with CRON_SECRET. */
function cronSection(crons: readonly Cron[] | undefined): string[] {
  if (!crons?.length) return [];
  return [
    '',
    '## Cron jobs',
    '',
    'Vercel sends a GET request to each path of `crons` in vercel.json on its schedule, in UTC, to the Production deployment only (https://vercel.com/docs/cron-jobs):',
    '',
    '| path | schedule (UTC) |',
    '| --- | --- |',
    ...crons.map((c) => `| \`${c.path}\` | \`${c.schedule}\` |`),
    '',
    'Each path is public: set `CRON_SECRET` (a random string of at least 16 characters) so that Vercel sends `Authorization: Bearer <CRON_SECRET>` with every call, and have each function refuse a request without it (https://vercel.com/docs/cron-jobs/manage-cron-jobs):',
    '',
    '```sh',
    'openssl rand -hex 32 | vercel env add CRON_SECRET production --sensitive',
    '```',
    '',
    'On the Hobby plan a cron runs at most once a day (a deploy with a more frequent schedule fails), at some minute of the hour it names; on every plan Vercel neither retries a failed run nor keeps two from overlapping (https://vercel.com/docs/cron-jobs/usage-and-pricing).',
  ];
}

/** Who deploys, and what that means for the Git integration and the variables. */
function deployments(page: SetupPage): string[] {
  if (page.deployedBy === 'github-actions') {
    return [
      '',
      '## Deployments',
      '',
      `The GitHub Actions deploy workflows deploy \`${page.service}\` after CI passes (\`vercel build\` and \`vercel deploy --prebuilt\`). \`${page.configFile}\` turns Vercel's own Git deployments off (\`"git": { "deploymentEnabled": false }\`, https://vercel.com/docs/project-configuration/git-configuration#git.deploymentenabled), so a push deploys once, after its tests; a branch no workflow deploys gets no Vercel deployment either. Before it builds, each deploy sets the variables below that have values (\`vercel env add ... --force\`), so a changed stack.yaml ships with its variables; the secrets stay yours to set. To let Vercel's Git integration deploy instead, set \`targets.vercel.deployed_by: platform\`.`,
    ];
  }
  return [
    '',
    '## Deployments',
    '',
    `Vercel's Git integration deploys \`${page.service}\`: connect the repository to the project (Settings → Git); every push deploys, without waiting for CI. The GitHub Actions deploy workflows do not deploy it (\`targets.vercel.deployed_by: platform\`, or no workflow covers it), so set the variables below yourself, and again when stack.yaml changes them.`,
  ];
}

/** `production`, `preview develop`: the environment arguments of `vercel env add`. */
const envArguments = (v: VercelEnvironment): string => (v.gitBranch ? `${v.target} ${shellQuote(v.gitBranch)}` : v.target);

/**
 * Vercel's Production Branch (Settings → Environments → Production, Branch Tracking): the production
 * environment's branch when stack.yaml names one; otherwise only what it must not be, because
 * Vercel refuses Preview variables and domains scoped to it.
 */
function productionBranchRow(environments: readonly SiteEnvironment[]): string | undefined {
  const known = plainBranch(environments.find((e) => e.vercel.target === 'production')?.environment.branch);
  if (known) return `| Production Branch | \`${known}\` (Settings → Environments → Production) |`;
  const previews = [...new Set(environments.flatMap((e) => (e.vercel.gitBranch ? [e.vercel.gitBranch] : [])))];
  if (!previews.length) return undefined;
  return `| Production Branch | any branch but ${previews.map((b) => `\`${b}\``).join(', ')} (Settings → Environments → Production): Vercel refuses Preview variables scoped to its Production Branch |`;
}

/**
 * New Vercel projects protect every deployment but Production's custom domains with Vercel
 * Authentication (Standard Protection), so a Preview (staging) is not public until the project says so.
 */
function previewProtection(environments: readonly SiteEnvironment[]): string[] {
  const previews = environments.filter((e) => e.vercel.target === 'preview');
  if (!previews.length) return [];
  const names = previews.map((e) => `\`${e.environment.name}\``).join(', ');
  return [
    '',
    '## Who can open Preview deployments',
    '',
    `${names} ${previews.length === 1 ? 'deploys' : 'deploy'} as Vercel Preview deployments. New Vercel projects protect them with Vercel Authentication (Standard Protection: every deployment except Production's custom domains), so only logged-in members of the project's Vercel team can open them${previews.some((e) => e.domain) ? ', on their custom domains too' : ''}; anyone else, and any webhook or API client, gets Vercel's login page.`,
    '',
    'To change it, in Settings → Deployment Protection: turn Vercel Authentication off to make Preview deployments public; or keep it and share a deployment with a Shareable Link, or give automated clients a Protection Bypass for Automation secret (the `x-vercel-protection-bypass` header). See https://vercel.com/docs/deployment-protection/methods-to-protect-deployments/vercel-authentication.',
  ];
}

export function renderSetupPage(page: SetupPage, stackFile: string): string {
  const header = `<!-- ${generatedHeader(stackFile, '').trim()} -->\n`;
  const lines: string[] = [
    `# Vercel project for \`${page.service}\``,
    '',
    `\`${page.configFile}\` holds the build and routing settings. A Vercel project has settings that vercel.json cannot hold; set them once, in the dashboard or with the Vercel CLI (run \`vercel link\` in the repository root first). Link one Vercel project per site.`,
    '',
    '## Project settings',
    '',
    '| setting | value |',
    '| --- | --- |',
    `| Root Directory | \`${page.rootDirectory === '.' ? '(empty: the repository root)' : page.rootDirectory}\` |`,
  ];
  const nodes = [...new Set(page.environments.map((e) => e.node).filter((n): n is string => n !== undefined))];
  if (nodes.length) lines.push(`| Node.js Version | ${nodes.join(', ')}.x (or \`engines.node\` in the site's package.json) |`);
  lines.push(`| Framework Preset | ${page.framework === undefined ? 'detected by Vercel' : 'from vercel.json'} |`);
  const branchRow = productionBranchRow(page.environments);
  if (branchRow) lines.push(branchRow);

  lines.push('', '## Environments', '', '| stack.yaml | Vercel | domain |', '| --- | --- | --- |');
  for (const e of page.environments) lines.push(`| \`${e.environment.name}\` | ${describeVercelEnvironment(e.vercel)} | ${e.domain ? `\`${e.domain}\`` : '—'} |`);
  const domains = page.environments.filter((e) => e.domain && e.vercel.target !== 'development');
  if (domains.length) {
    lines.push('', 'Add the domains to the project:', '', '```sh');
    for (const e of domains) for (const d of [e.domain!, ...(e.otherDomains ?? [])]) lines.push(`vercel domains add ${shellQuote(d)}`);
    lines.push('```');
    if (domains.some((e) => e.vercel.target === 'preview')) {
      lines.push('', 'Production deployments get the Production domain by themselves. Assign a Preview domain to its branch in Settings → Domains (for deployments from Vercel\'s Git integration); the GitHub Actions deploy workflow points it at each deployment it makes with `vercel alias set`.');
      for (const e of domains.filter((d) => d.vercel.productionBranch !== undefined)) {
        lines.push('', `\`${e.domain}\` cannot be assigned to \`${e.vercel.productionBranch}\`, Vercel's Production Branch (Vercel refuses a Preview domain on it): only the deploy workflow's \`vercel alias set\` points it at \`${e.environment.name}\`'s deployments.`);
      }
    }
  }
  lines.push(...previewProtection(page.environments));
  lines.push(...deployments(page));
  lines.push(...cronSection(page.crons));

  lines.push('', '## Environment variables', '', 'Framework builds read variables at build time: redeploy after changing one. Run these in the repository root of the linked project.');
  const shared = sharedVariables(page.environments);
  page.environments.forEach((e, i) => {
    lines.push('', `### \`${e.environment.name}\`: ${describeVercelEnvironment(e.vercel)}`, '');
    const sharedNames = new Set(shared[i]!.map((v) => v.variable.name));
    const own = e.variables.filter((v) => !sharedNames.has(v.name));
    const values = own.filter((v) => v.value !== undefined);
    const toSet = own.filter((v) => v.value === undefined);
    if (!e.variables.length) {
      lines.push('No variables.');
      return;
    }
    if (shared[i]!.length) {
      const by = [...new Set(shared[i]!.map((v) => v.addedBy))].map((n) => `\`${n}\``).join(', ');
      lines.push(`Vercel holds one value per variable for ${describeVercelEnvironment(e.vercel)}, and ${by} ${by.includes(',') ? 'add' : 'adds'} ${shared[i]!.map((v) => `\`${v.variable.name}\``).join(', ')} there already (adding ${shared[i]!.length === 1 ? 'it' : 'them'} again fails): \`${e.environment.name}\` gets those values.`);
      if (own.length) lines.push('');
    }
    if (e.vercel.productionBranch !== undefined) {
      lines.push(`Vercel refuses Preview variables scoped to its Production Branch (\`${e.vercel.productionBranch}\`), so these are for all Preview branches: every preview deployment without a value of its own for a variable gets this one.`, '');
    }
    if (values.length) {
      lines.push('```sh');
      for (const v of values) lines.push(`vercel env add ${v.name} ${envArguments(e.vercel)} --value ${shellQuote(v.value!)} --yes`);
      lines.push('```');
    }
    if (toSet.length) {
      if (values.length) lines.push('');
      lines.push('Values stackc does not write (the command prompts for each):', '', '```sh');
      // Vercel keeps Development variables readable: `--sensitive` is for Production and Preview.
      const width = Math.max(...toSet.map((v) => v.name.length));
      for (const v of toSet) {
        const sensitive = v.sensitive && e.vercel.target !== 'development' ? ' --sensitive' : '';
        lines.push(`${`vercel env add ${v.name.padEnd(width)} ${envArguments(e.vercel)}${sensitive}`}   # ${v.about}`);
      }
      lines.push('```');
    }
  });
  return header + lines.join('\n') + '\n';
}
