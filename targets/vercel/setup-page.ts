// deploy/vercel/<site>.md: what a Vercel project needs besides vercel.json — the Root Directory,
// the Node.js version, which stack environment is which Vercel environment, domains, and every
// environment variable as a `vercel env add` command (values for plain settings, prompts for
// secrets: stackc never writes a secret value).
import { generatedHeader } from '../../src/emit/serialize/header.js';
import type { Environment } from '../../src/model/stack.js';
import { shellQuote } from '../../src/emit/text.js';
import { describeVercelEnvironment, type VercelEnvironment } from './environments.js';
import type { Variable } from './variables.js';

export interface SiteEnvironment {
  environment: Environment;
  vercel: VercelEnvironment;
  domain?: string;
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
  environments: SiteEnvironment[];
}

/** `production`, `preview develop`: the environment arguments of `vercel env add`. */
const envArguments = (v: VercelEnvironment): string => (v.gitBranch ? `${v.target} ${shellQuote(v.gitBranch)}` : v.target);

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

  lines.push('', '## Environments', '', '| stack.yaml | Vercel | domain |', '| --- | --- | --- |');
  for (const e of page.environments) lines.push(`| \`${e.environment.name}\` | ${describeVercelEnvironment(e.vercel)} | ${e.domain ? `\`${e.domain}\`` : '—'} |`);
  const domains = page.environments.filter((e) => e.domain && e.vercel.target !== 'development');
  if (domains.length) {
    lines.push('', 'Add the domains to the project:', '', '```sh');
    for (const e of domains) lines.push(`vercel domains add ${shellQuote(e.domain!)}`);
    lines.push('```');
    if (domains.some((e) => e.vercel.target === 'preview')) {
      lines.push('', 'Production deployments get the Production domain by themselves. Assign a Preview domain to its branch in Settings → Domains (for deployments from Vercel\'s Git integration); the GitHub Actions deploy workflow points it at each deployment it makes with `vercel alias set`.');
    }
  }

  lines.push('', '## Environment variables', '', 'Framework builds read variables at build time: redeploy after changing one. Run these in the repository root of the linked project.');
  for (const e of page.environments) {
    lines.push('', `### \`${e.environment.name}\`: ${describeVercelEnvironment(e.vercel)}`, '');
    const values = e.variables.filter((v) => v.value !== undefined);
    const toSet = e.variables.filter((v) => v.value === undefined);
    if (!e.variables.length) {
      lines.push('No variables.');
      continue;
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
  }
  return header + lines.join('\n') + '\n';
}
