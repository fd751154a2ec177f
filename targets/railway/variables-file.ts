// `railway.<env>.env`: what to set up in one Railway environment for one service. The `NAME=value`
// lines are the variables (paste them into the service's Variables → Raw Editor); comments above
// them say how to point the service at its railway.json, which backing services to add, what to
// attach, which secrets to set by hand, and what railway.json cannot express.
import { posix } from 'node:path';
import type { DeployedService } from '../../src/deploy/model.js';
import { commentLines, generatedHeader } from '../../src/emit/serialize/header.js';
import type { Artifact } from '../../src/emit/target.js';
import { oneLine, shellQuote } from '../../src/emit/text.js';
import { repositoryPath, rootDirectory } from './layout.js';
import { BUILT_IN, TEMPLATE_NAMES } from './resources.js';
import type { Scope } from './scope.js';
import { envValue } from './text.js';
import type { RailwayVariables } from './variables.js';

/** @param notes what railway.json cannot express for the service here (its capability gaps' notes) */
export function variablesFile(service: DeployedService, scope: Scope, vars: RailwayVariables, notes: readonly string[]): Artifact {
  const env = scope.environment.name;
  const path = scope.layout.variables(service.name, env);
  const configPath = scope.layout.config(service.name);
  const root = repositoryPath(rootDirectory(service), scope.stackFile);
  // `stackc build --out` wrote the files below the output root, away from the root directory.
  const outside = scope.layout.outside(service.name);
  const repository = posix.dirname(scope.stackFile) === '.' || outside ? 'the directory of stack.yaml' : 'the output directory';
  const lines: string[] = [
    '',
    `Railway service \`${service.name}\`${service.description ? ` (${oneLine(service.description)})` : ''}, environment \`${env}\`.`,
    'railway.json holds no variables: paste the NAME=value lines below into the service\'s Variables tab',
    `(Raw Editor) in environment \`${env}\`, or set each with`,
    `  railway variables --service ${service.name} --environment ${env} --set "NAME=value"`,
    '${{Service.VARIABLE}} values are Railway reference variables: Railway fills them in at deploy time.',
    '',
    `Service settings (once; paths are from the repository root, assumed to be ${repository}):`,
    ...(service.build || service.static ? [`  Source → Root Directory: /${root === '.' ? '' : root}`] : [`  Source → Image: ${service.image ?? ''}`]),
    `  Config-as-code → Railway Config File: /${configPath}${outside ? '  (from the output directory: use the path where it is committed)' : ''}`,
    ...setup(service, scope, vars),
    `Deploy: connect the GitHub repository, or from ${repository}:`,
    `  railway up --service ${shellQuote(service.name)} --environment ${shellQuote(env)}`,
  ];
  if (vars.toSet.length) {
    const width = Math.max(...vars.toSet.map((s) => s.name.length));
    lines.push('', 'Secrets and values to set yourself in the Variables tab (seal the secrets); never written here:', ...vars.toSet.map((s) => `  ${s.name.padEnd(width)}  ${oneLine(s.about)}`));
  }
  if (notes.length) lines.push('', 'Not expressible in railway.json (see `stackc build` diagnostics):', ...notes.map((n) => `  - ${oneLine(n)}`));
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
    },
  };
}

/** Project setup: backing services, the volume, the domain. */
function setup(service: DeployedService, scope: Scope, vars: RailwayVariables): string[] {
  const out: string[] = [];
  const volume = service.volumes.find((v) => v.kind === 'named');
  if (volume) out.push(`  Volume: attach one mounted at ${volume.path} (stack volume \`${volume.name}\`, ${volume.size})`);
  // Public at a host the world can reach: a custom domain; on no domain, the one Railway generates.
  const endpoint = service.endpoints[0];
  if (endpoint) {
    const on = service.servedPort !== undefined ? `, port ${service.servedPort}` : '';
    out.push(endpoint.routable ? `  Networking → Custom Domain: ${endpoint.host}${on}` : `  Networking → Generate Domain${on}`);
  }
  const resources = vars.resources.filter((r) => !r.external);
  if (resources.length) {
    out.push('Backing services in this environment (once, + New → Database, or the template marketplace):');
    for (const r of resources) {
      const name = scope.names.get(r.name) ?? r.name;
      const how = BUILT_IN.has(r.type) ? `Railway's ${TEMPLATE_NAMES[r.type]} database` : `the ${TEMPLATE_NAMES[r.type]} template`;
      out.push(`  ${r.name} (${r.type} ${r.version}): ${how}, service named ${name}${name !== TEMPLATE_NAMES[r.type] ? ' (rename it)' : ''}`);
    }
  }
  return out;
}
