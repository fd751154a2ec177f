// `railway.<env>.env`: what to set up in one Railway environment for one service. The `NAME=value`
// lines are the variables (paste them into the service's Variables → Raw Editor); comments above
// them say how to point the service at its railway.json, which backing services to add, what to
// attach, which secrets to set by hand, and what railway.json cannot express.
import { posix } from 'node:path';
import type { DeployedService } from '../../src/deploy/model.js';
import { commentLines, generatedHeader } from '../../src/emit/serialize/header.js';
import type { Artifact } from '../../src/emit/target.js';
import { oneLine, shellQuote } from '../../src/emit/text.js';
import type { Settings } from './config.js';
import { hasCode, repositoryPath, rootDirectory } from './layout.js';
import { BUILT_IN, TEMPLATE_NAMES } from './resources.js';
import type { Scope } from './scope.js';
import { envValue } from './text.js';
import type { RailwayVariables } from './variables.js';

/**
 * @param notes what railway.json cannot express for the service here (its capability gaps' notes)
 * @param settings the service's build and deploy settings here: for a service deployed from an
 * image, which has no railway.json, the setup lists them as service settings to set by hand
 */
export function variablesFile(service: DeployedService, scope: Scope, vars: RailwayVariables, notes: readonly string[], settings: Settings): Artifact {
  const env = scope.environment.name;
  const path = scope.layout.variables(service.name, env);
  const configPath = scope.layout.config(service.name);
  const root = repositoryPath(rootDirectory(service), scope.stackFile);
  // `stackc build --out` wrote the files below the output root, away from the root directory.
  const code = hasCode(service);
  const outside = code && scope.layout.outside(service.name);
  const repository = posix.dirname(scope.stackFile) === '.' || outside ? 'the directory of stack.yaml' : 'the output directory';
  const railwayName = scope.names.get(service.name) ?? service.name;
  const lines: string[] = [
    '',
    `Railway service \`${railwayName}\`${railwayName !== service.name ? ` (stack service \`${service.name}\`)` : ''}${service.description ? ` (${oneLine(service.description)})` : ''}, environment \`${env}\`.`,
    `${code ? 'railway.json holds no variables: paste' : 'Paste'} the NAME=value lines below into the service\'s Variables tab`,
    `(Raw Editor) in environment \`${env}\`, or set each with Railway's CLI (a secret from stdin, kept out of shell history):`,
    `  railway variable set "NAME=value" --service ${shellQuote(railwayName)} --environment ${env}`,
    `  printf %s "$VALUE" | railway variable set NAME --stdin --service ${shellQuote(railwayName)} --environment ${env}`,
    '${{Service.VARIABLE}} values are Railway reference variables: Railway fills them in at deploy time.',
    '',
    ...(code
      ? [
          `Service settings (once; paths are from the repository root, assumed to be ${repository}):`,
          `  Source → Root Directory: /${root === '.' ? '' : root}`,
          `  Config-as-code → Railway Config File: /${configPath}${outside ? '  (from the output directory: use the path where it is committed)' : ''}`,
        ]
      : imageSettings(service, settings)),
    ...setup(service, scope, vars),
    ...(code
      ? [
          ...deployFromCode(railwayName, scope, repository),
          // Railway's CLI has no command that points a service at another image, so a deploy uploads the source.
          ...(service.build ? ['Railway builds the image from the uploaded source, not the image CI pushes: its CLI cannot point a service at a new image tag.'] : []),
        ]
      : [
          // `--from-source` pulls the image again instead of reusing the last deployment's.
          'Deploy: Railway pulls the image when the service deploys. To ship a new image, set Source → Image to its tag',
          `(or push the same tag again) and redeploy${scope.workflowDeploys ? ` (the GitHub Actions deploy workflow of \`${env}\` runs this, after setting the variables below)` : ''}:`,
          `  railway redeploy --service ${shellQuote(railwayName)} --environment ${shellQuote(env)} --from-source --yes`,
        ]),
  ];
  if (vars.toSet.length) {
    const width = Math.max(...vars.toSet.map((s) => s.name.length));
    lines.push('', 'Secrets and values to set yourself in the Variables tab (seal the secrets); never written here:', ...vars.toSet.map((s) => `  ${s.name.padEnd(width)}  ${oneLine(s.about)}`));
  }
  if (notes.length) lines.push('', `Not expressible in ${code ? 'railway.json' : 'the service settings'} (see \`stackc build\` diagnostics):`, ...notes.map((n) => `  - ${oneLine(n)}`));
  const body = vars.lines.map((l) => `${l.comments.map((c) => `# ${oneLine(c)}\n`).join('')}${l.name}=${envValue(l.value)}\n`).join('');
  return {
    path,
    target: 'railway',
    environment: env,
    content: `${generatedHeader(scope.stackFile)}${commentLines(lines)}${body ? `\n${body}` : ''}`,
    facts: {
      services: [service.name],
      // The image is named in the file only when the service runs one it does not build.
      images: service.build || service.static || !service.image ? [] : [service.image],
      secrets: vars.toSet.filter((s) => s.secret).map((s) => s.name),
      // Railway finds a service, and a reference variable its database, by name: diff flags a change.
      names: Object.fromEntries([service.name, ...vars.resources.filter((r) => !r.external).map((r) => r.name)].map((n) => [n, scope.names.get(n) ?? n])),
    },
  };
}

/**
 * Who deploys a service built from the repository: the GitHub Actions workflows (`railway up`),
 * with the repository left unconnected, since a connected service also deploys every push itself,
 * without waiting for CI; or Railway's GitHub autodeploys, with Wait for CI
 * (https://docs.railway.com/guides/github-autodeploys).
 */
function deployFromCode(railwayName: string, scope: Scope, repository: string): string[] {
  const env = scope.environment.name;
  const up = `  railway up --service ${shellQuote(railwayName)} --environment ${shellQuote(env)}`;
  const branch = scope.environment.environment.branch;
  if (scope.deployedBy === 'platform') {
    return [
      `Deploy: Railway's GitHub autodeploys (no deploy workflow of stackc's deploys it): Source → Connect Repo, branch ${branch ? `\`${branch}\`` : 'of this environment'}.`,
      'Turn on Wait for CI so Railway deploys a push only after the GitHub Actions that run on it pass',
      `(https://docs.railway.com/guides/github-autodeploys); set changed variables before the push. Or from ${repository}:`,
      up,
    ];
  }
  return [
    scope.workflowDeploys
      ? `Deploy: the GitHub Actions deploy workflow of \`${env}\` runs \`railway up\` after CI passes, setting the NAME=value lines below first.`
      : `Deploy: no deploy workflow deploys \`${env}\` (it has no branch or tags); deploy from ${repository}:`,
    'Do not connect the GitHub repository to this service (Source → Connect Repo): Railway would also deploy every push',
    'itself, without waiting for CI (https://docs.railway.com/guides/github-autodeploys; Disconnect turns it off).',
    ...(scope.workflowDeploys ? [`By hand, from ${repository}:`] : []),
    up,
  ];
}

const RESTART_LABELS: Record<string, string> = { ALWAYS: 'Always', ON_FAILURE: 'On Failure', NEVER: 'Never' };

/**
 * The settings of a service deployed from an image. Railway reads config as code from the
 * deployment's source code, and an image source has none
 * (https://docs.railway.com/config-as-code/reference), so they are set on the service
 * (https://docs.railway.com/reference/services#docker-image).
 */
function imageSettings(service: DeployedService, settings: Settings): string[] {
  const d = settings.deploy;
  return [
    'Service settings (once; an image source has no railway.json, so set these by hand):',
    `  Source → Image: ${service.image ?? ''}`,
    ...(d.startCommand ? [`  Deploy → Custom Start Command: ${String(d.startCommand)}`] : []),
    ...(d.preDeployCommand ? [`  Deploy → Pre-deploy Command: ${String(d.preDeployCommand)}`] : []),
    ...(d.healthcheckPath ? [`  Deploy → Healthcheck Path: ${String(d.healthcheckPath)} (Healthcheck Timeout: ${String(d.healthcheckTimeout)} s)`] : []),
    ...(d.restartPolicyType ? [`  Deploy → Restart Policy: ${RESTART_LABELS[String(d.restartPolicyType)] ?? String(d.restartPolicyType)}`] : []),
    ...(d.numReplicas !== undefined ? [`  Deploy → Replicas: ${String(d.numReplicas)}`] : []),
    // https://docs.railway.com/guides/deployment-teardown
    ...(d.overlapSeconds !== undefined ? [`  Deploy → Teardown → Overlap Seconds: ${String(d.overlapSeconds)} (or the variable RAILWAY_DEPLOYMENT_OVERLAP_SECONDS)`] : []),
    ...(d.drainingSeconds !== undefined ? [`  Deploy → Teardown → Draining Seconds: ${String(d.drainingSeconds)} (or the variable RAILWAY_DEPLOYMENT_DRAINING_SECONDS)`] : []),
  ];
}

/** Project setup: backing services, the volume, the domain. */
function setup(service: DeployedService, scope: Scope, vars: RailwayVariables): string[] {
  const out: string[] = [];
  const volume = service.volumes.find((v) => v.kind === 'named');
  if (volume) out.push(`  Volume: attach one mounted at ${volume.path} (stack volume \`${volume.name}\`, ${volume.size})`);
  // Public at a host the world can reach: a custom domain per host (each with its own certificate,
  // https://docs.railway.com/guides/public-networking#custom-domains); on no domain, the one Railway generates.
  const endpoint = service.endpoints[0];
  if (endpoint) {
    const on = service.servedPort !== undefined ? `, port ${service.servedPort}` : '';
    if (!endpoint.routable) out.push(`  Networking → Generate Domain${on}`);
    for (const e of service.endpoints.filter((x) => x.routable)) out.push(`  Networking → Custom Domain: ${e.host}${on}`);
  }
  const resources = vars.resources.filter((r) => !r.external);
  if (resources.length) {
    out.push('Backing services in this environment (once, + New → Database, or the template marketplace):');
    for (const r of resources) {
      const name = scope.names.get(r.name) ?? r.name;
      if (r.type === 's3') {
        out.push(`  ${r.name} (s3): a Railway Storage Bucket (+ New → Bucket); set the variables that read it from its Credentials tab`);
        continue;
      }
      if (r.type === 'container') {
        const setup = [...(r.container?.environment.length ? [`its variables ${r.container.environment.map((v) => ('value' in v ? v.name : `${v.name} (the secret of \`${v.secretOutput}\`)`)).join(', ')}`] : []), ...(r.container?.volume ? [`a volume at ${r.container.volume}`] : [])];
        out.push(`  ${r.name} (container): + New → Docker Image ${r.image}, service named ${name}${setup.length ? `, with ${setup.join(' and ')}` : ''}`);
        continue;
      }
      const how = BUILT_IN.has(r.type) ? `Railway's ${TEMPLATE_NAMES[r.type]} database` : `the ${TEMPLATE_NAMES[r.type]} template`;
      out.push(`  ${r.name} (${r.type} ${r.version}): ${how}, service named ${name}${name !== TEMPLATE_NAMES[r.type] ? ' (rename it)' : ''}`);
    }
  }
  return out;
}
