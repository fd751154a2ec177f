// Who deploys Vercel and Railway (issue 17, item 10): the deploy workflows or the platform's own Git
// integration, never both; and the deploy jobs apply the variables stack.yaml holds before they
// deploy (item 11). The files are read as the platforms and GitHub read them: vercel.json's `git`
// key, the workflow's steps in order, the `railway` and `vercel` arguments as bash passes them.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/api/build.js';
import { loadStack } from '../../src/api/load.js';
import type { Artifact } from '../../src/emit/target.js';
import { parseYamlDocuments } from '../platform-schemas.js';
import { loadDiagnostics, root, stackYaml } from '../helpers.js';

interface Step { name?: string; run?: string; env?: Record<string, string> }
interface Workflow { jobs: Record<string, { steps?: Step[] }> }

async function buildStack(text: string): Promise<BuildResult> {
  const loaded = loadStack({ text, root: '/project' });
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.at?.line}:${d.at?.col} ${d.message}`).join('\n'));
  const built = await build(loaded, { outRoot: '/project' });
  expect(built.ok, built.diagnostics.map((d) => d.message).join('\n')).toBe(true);
  return built;
}

async function buildFixture(name: string): Promise<BuildResult> {
  const loaded = loadStack(`${root}fixtures/${name}/stack.yaml`);
  if (!loaded.ok) throw new Error(`fixtures/${name} does not load`);
  return build(loaded);
}

const file = (built: BuildResult, path: string): string => {
  const a = built.artifacts.find((x: Artifact) => x.path === path);
  if (!a) throw new Error(`no ${path} among ${built.artifacts.map((x) => x.path).join(', ')}`);
  return a.content;
};
const workflow = (built: BuildResult, env: string): Workflow => parseYamlDocuments(file(built, `.github/workflows/deploy-${env}.yml`))[0] as Workflow;

/** The arguments each `<cli>` command of a script gets, as bash parses them (the CLI replaced by a printer). */
function invocations(script: string, cli: string): string[][] {
  // fd 3 is the script's stdout, also inside `$(...)`; jq (reading the CLI's output) prints nothing.
  const out = execFileSync('bash', ['-c', `exec 3>&1\n${cli}() { printf '%s\\0' "$@" >&3; printf '\\n\\0' >&3; }\njq() { cat > /dev/null; }\n${script}`], { encoding: 'utf8' });
  return out.split('\n\0').filter((s) => s !== '').map((s) => s.split('\0').filter((x) => x !== ''));
}

/** `NAME=value` lines of a railway.<env>.env file, unquoted as Railway's Raw Editor reads them. */
function envFileValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!;
  }
  return out;
}

/** The names a railway.<env>.env file asks the user to set by hand. */
const toSetByHand = (text: string): string[] => {
  const start = text.indexOf('never written here:');
  if (start < 0) return [];
  const block = text.slice(start).split('\n').slice(1);
  return block.filter((l) => /^# {3}[A-Z_]/.test(l)).map((l) => l.slice(4).trim().split(/\s+/)[0]!);
};

describe('who deploys Vercel and Railway: the workflows or the platform, never both', () => {
  it('turns Vercel\'s Git deployments off when the workflows deploy the site, and tells Railway users not to connect the repository', async () => {
    const built = await buildFixture('fullstack');
    expect(JSON.parse(file(built, 'frontend/vercel.json')).git).toEqual({ deploymentEnabled: false });
    expect(file(built, 'deploy/vercel/web.md')).toContain('turns Vercel\'s own Git deployments off');
    const env = file(built, 'backend/railway.api.production.env');
    expect(env).toContain('Do not connect the GitHub repository to this service');
    expect(env).toContain('the GitHub Actions deploy workflow of `production` runs `railway up`');
    const jobs = Object.keys(workflow(built, 'production').jobs);
    expect(jobs).toEqual(expect.arrayContaining(['vercel-web', 'railway-api', 'railway-worker']));
  });

  const stack = (vercel: string, railway: string, withWorkflows = true) =>
    stackYaml(`
environments:
  production: { branch: main }
services:
  web:
    static: { root: ./web, build: npm run build, output: dist, framework: vite }
    env: { VITE_API_URL: "https://api.shop.example" }
  api:
    image: ghcr.io/acme/api:1.0
    ports: [8000]
targets:
  vercel: ${vercel}
  railway: ${railway}
${withWorkflows ? '  github-actions: {}\n' : ''}`);

  it('leaves them to the platform with deployed_by: platform: no job in the workflow, which says who deploys them', async () => {
    const built = await buildStack(stack('{ deployed_by: platform }', '{ deployed_by: platform, services: [api] }'));
    expect(JSON.parse(file(built, 'web/vercel.json')).git).toBeUndefined();
    expect(file(built, 'deploy/vercel/web.md')).toContain('Vercel\'s Git integration deploys `web`');
    expect(built.artifacts.some((a) => a.path.startsWith('.github/workflows/deploy-'))).toBe(false);
  });

  it('deploys one with the workflows and leaves the other to its platform, naming it in the header', async () => {
    const built = await buildStack(stack('{ deployed_by: platform }', '{ services: [api] }'));
    const deploy = file(built, '.github/workflows/deploy-production.yml');
    expect(Object.keys(workflow(built, 'production').jobs)).toEqual(['ci', 'railway-api']);
    expect(deploy).toContain('Vercel: `web` is deployed by Vercel\'s own Git integration (targets.vercel.deployed_by: platform), not by this workflow.');
  });

  it('tells Railway users to connect the repository with Wait for CI when Railway deploys a service built from it', async () => {
    const built = await buildStack(stackYaml(`
environments:
  production: { branch: main }
services:
  api: { build: ./api, ports: [8000] }
targets:
  railway: { deployed_by: platform }
  github-actions: {}
`));
    const env = file(built, 'api/railway.production.env');
    expect(env).toContain('Source → Connect Repo, branch `main`.\n# Turn on Wait for CI');
    expect(env).not.toContain('Do not connect');
  });

  it('leaves Vercel\'s Git deployments on in a stack without workflows', async () => {
    const built = await buildStack(stack('{}', '{ services: [api] }', false));
    expect(JSON.parse(file(built, 'web/vercel.json')).git).toBeUndefined();
  });

  it('refuses deployed_by: github-actions when no workflow would deploy the target, at the option\'s line', () => {
    const diagnostics = loadDiagnostics(stack('{ deployed_by: github-actions }', '{ services: [api] }', false));
    expect(diagnostics.map((d) => [d.severity, d.code, d.at?.line])).toEqual([['error', 'deployed-by-without-workflow', 14]]);
    expect(diagnostics[0]!.hint).toContain('github-actions: {}');
  });
});

describe('deploy jobs apply the variables stack.yaml holds before deploying', () => {
  it('sets every Railway variable of the environment\'s files, no secret, before `railway up`; checks the secrets exist', async () => {
    const built = await buildFixture('fullstack');
    for (const env of ['staging', 'production']) {
      const jobs = workflow(built, env).jobs;
      for (const service of ['api', 'worker']) {
        const steps = jobs[`railway-${service}`]!.steps!;
        const apply = steps.findIndex((s) => s.name === `Set the variables of ${service}`);
        const deploy = steps.findIndex((s) => s.name === `Deploy ${service}`);
        expect(apply, `${env} ${service}`).toBeGreaterThan(-1);
        expect(apply).toBeLessThan(deploy);
        const [set, list] = invocations(steps[apply]!.run!, 'railway');
        expect(set!.slice(0, 2)).toEqual(['variable', 'set']);
        expect(set!.slice(-5)).toEqual(['--service', service, '--environment', env, '--skip-deploys']);
        const applied = Object.fromEntries(set!.slice(2, -5).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
        const envFile = file(built, `backend/railway.${service}.${env}.env`);
        // Exactly the file's values (a reference variable reaches Railway as `${{Redis.REDIS_URL}}`).
        expect(applied).toEqual(envFileValues(envFile));
        expect(applied.REDIS_URL).toBe('${{Redis.REDIS_URL}}');
        const secrets = toSetByHand(envFile);
        expect(secrets).toEqual(expect.arrayContaining(['SECRET_KEY', 'SENTRY_DSN', 'SMTP_PASSWORD']));
        for (const name of secrets) expect(Object.keys(applied)).not.toContain(name);
        expect(list).toEqual(['variable', 'list', '--service', service, '--environment', env, '--json']);
        expect(steps[apply]!.run).toContain(`${JSON.stringify(secrets)} - keys`);
      }
    }
  });

  it('adds every Vercel variable with a value to the Vercel environment it deploys to, before `vercel pull`, and no secret', async () => {
    const built = await buildStack(stackYaml(`
environments:
  staging: { branch: develop, domain: staging.shop.example }
  production: { branch: main, domain: shop.example }
services:
  web:
    static: { root: ./web, build: npm run build, output: dist, framework: vite }
    env:
      VITE_API_URL: https://api.\${environment.domain}
      VITE_NOTE: "it's \${environment.domain}"
    secrets: [VITE_SENTRY_TOKEN]
targets:
  vercel: {}
  github-actions: {}
`));
    const page = file(built, 'deploy/vercel/web.md');
    for (const [env, scope] of [['staging', ['preview', 'develop']], ['production', ['production']]] as const) {
      const steps = workflow(built, env).jobs['vercel-web']!.steps!;
      const apply = steps.findIndex((s) => s.name === 'Set the variables of web');
      expect(apply).toBeGreaterThan(-1);
      expect(apply).toBeLessThan(steps.findIndex((s) => s.name === 'Pull the project settings and variables'));
      const added = invocations(steps[apply]!.run!, 'vercel');
      const domain = env === 'staging' ? 'staging.shop.example' : 'shop.example';
      expect(added).toEqual([
        ['env', 'add', 'VITE_API_URL', ...scope, '--value', `https://api.${domain}`, '--yes', '--force'],
        ['env', 'add', 'VITE_NOTE', ...scope, '--value', `it's ${domain}`, '--yes', '--force'],
      ]);
      // The setup page adds the same values to the same scope.
      for (const [, , name, ...rest] of added) expect(page).toContain(`vercel env add ${name} ${scope.join(' ')}`);
      expect(steps[apply]!.run).not.toContain('VITE_SENTRY_TOKEN');
    }
  });
});
