import { resourceSecretNames } from '../../emit/emit-helpers.js';
import type { DataPath, Resource, Service } from '../../model/stack.js';
import { defineRule, type RuleContext } from '../rule.js';
import { fieldPath, runStageVars } from '../secrets/index.js';
import { isSecretName } from '../../vocabulary/secret-names.js';
import { shellReads } from './support/shell.js';

/** Variables GitHub Actions sets on every runner. */
const RUNNER_VARIABLES = /^(GITHUB_|RUNNER_|ACTIONS_|CI$)/;

export default defineRule({
  meta: {
    id: 'secret-references',
    description: 'Secrets used in commands are declared by the service, and secrets a service declares reach at least one target.',
    category: 'secrets',
    severity: 'error',
    scopes: ['model', 'dockerfile'],
    docs: {
      why:
        'A command that reads `$API_TOKEN` when the service declares no `API_TOKEN` runs with an empty value: the failure shows up at run time as an authentication error, far from its cause. A secret declared for a service that no target generates is dead configuration that someone still provisions, rotates and audits.',
      fix:
        'Declare what commands read: add the name to `secrets:` of the service (its value comes from the platform\'s store), or to `env` when it is not secret. For a resource\'s password, add `DB_PASSWORD: ${resources.db.password}` to `env`: the targets keep `DB_PASSWORD` in their secret stores, but give it only to the database, not to every service. Remove secrets that no target uses, or add the service to a target.\n\n' +
        '**Used but not declared (error):** a `$NAME` or `${NAME}` with a secret-like name (see `no-secret-literal`) in the `command`, `entrypoint`, `release` or healthcheck `command` of a service, when the service has no `NAME` in `env` or `secrets` and its Dockerfile\'s run stage sets no `ENV NAME`. Names the script assigns itself (`NAME=...`, `export NAME=`, `read NAME`, `for NAME in`) and `${NAME:-default}`/`${NAME-default}` (the script handles the unset case) are not reported. With the GitHub Actions target, `ci.steps` are checked too: the CI job gets only the variables of services that point at CI service containers (and the runner\'s `GITHUB_*`/`RUNNER_*`), never secrets, so a secret-like variable a step reads is empty there.\n\n' +
        '**Declared but unused (warning):** a name under `secrets:` of a service that no target includes in any environment where the service declares it: every target that covers the environment filters the service out (`targets.<t>.services`) or does not run its kind (Compose, Kubernetes and fly run containers, Vercel static sites, Railway both; a plugin target is assumed to run everything). A stack with no targets is not checked.',
      bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    command: ["sh", "-c", "curl -fsS -H \\"Authorization: Bearer $METRICS_TOKEN\\" https://metrics.internal/register && exec node server.js"]',
      good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    command: ["sh", "-c", "curl -fsS -H \\"Authorization: Bearer $METRICS_TOKEN\\" https://metrics.internal/register && exec node server.js"]\n    secrets: [METRICS_TOKEN]',
      whenOff: 'When images set the variables their commands read themselves (the rule sees the Dockerfiles stackc builds, not third-party images).',
    },
    peers: ['kube-linter env-value-from', 'actionlint expression', 'actionlint workflow-call'],
    securitySeverity: 5,
  },
  state: (): State => ({ undeclared: [], knownResources: new Map(), ciVariables: new Set(), declarations: new Map() }),
  service(ctx, { service, environment }) {
    noteDeclarations(ctx, service, environment.name);
  },
  container(ctx, { service, environment }) {
    ctx.state.undeclared.push(...undeclaredInService(ctx, service));
    if (environment.isDefault) noteCiVariables(ctx, service);
  },
  resource(ctx, { resource }) {
    if (!ctx.state.knownResources.has(resource.name)) ctx.state.knownResources.set(resource.name, resource);
  },
  check(ctx) {
    reportUndeclared(ctx);
    undeclaredInCi(ctx);
    unusedDeclarations(ctx);
  },
});

interface Script {
  text: string;
  path: DataPath;
  what: string;
}

interface State {
  /** `$NAME`s that commands read and their service does not declare: reported by `check`, whose hints name resources. */
  undeclared: { service: Service; script: Script; name: string }[];
  /** Every resource, by name, as first declared. */
  knownResources: Map<string, Resource>;
  /** The generated CI job's variables: env of containers whose references all point at CI service containers. */
  ciVariables: Set<string>;
  /** Per `secrets:` entry (its path in stack.yaml): does any environment that uses it reach a target? */
  declarations: Map<string, { name: string; service: Service; path: DataPath; reached: boolean }>;
}

function scriptsOf(service: Service): Script[] {
  const out: Script[] = [];
  for (const field of ['command', 'entrypoint', 'release'] as const) {
    const command = service[field];
    if (!command) continue;
    const asString = command.length === 3 && command[0] === 'sh' && command[1] === '-c';
    command.forEach((arg, i) => out.push({ text: arg, path: asString ? fieldPath(service, field) : [...fieldPath(service, field), i], what: `the ${field} of \`${service.name}\`` }));
  }
  const probe = service.healthcheck?.probe;
  if (probe?.kind === 'command') for (const arg of probe.command) out.push({ text: arg, path: [...service.healthcheck!.path, 'command'], what: `the healthcheck of \`${service.name}\`` });
  return out;
}

function undeclaredInService(ctx: RuleContext<unknown>, service: Service): State['undeclared'] {
  const scripts = scriptsOf(service);
  if (scripts.length === 0) return [];
  const declared = new Set([...service.env.map((e) => e.name), ...service.secrets.map((s) => s.name)]);
  const dockerfile = ctx.dockerfile(service);
  if (dockerfile) for (const v of runStageVars(dockerfile, service.build?.target)) if (v.keyword === 'ENV') declared.add(v.name);
  return scripts.flatMap((script) => shellReads(script.text).filter((name) => !declared.has(name) && isSecretName(name, 'lint')).map((name) => ({ service, script, name })));
}

function reportUndeclared(ctx: RuleContext<unknown, State>): void {
  const resources = [...ctx.state.knownResources.values()];
  for (const { service, script, name } of ctx.state.undeclared) {
    const resource = resources.find((r) => resourceSecretNames(r).password === name || resourceSecretNames(r).url === name);
    ctx.report({
      message: `\`$${name}\` in ${script.what} is empty: \`${service.name}\` declares no \`${name}\``,
      at: { path: script.path },
      key: name,
      hint: resource
        ? `add \`${name}: \${resources.${resource.name}.${resourceSecretNames(resource).password === name ? 'password' : 'url'}}\` to \`env\` of \`${service.name}\` (targets give \`${name}\` to the database, not to every service)`
        : `add \`${name}\` to \`secrets:\` of \`${service.name}\` and set its value in the platform's secret store`,
    });
  }
}

/** The test job's variables: env of container services whose references all point at CI service containers. */
function noteCiVariables(ctx: RuleContext<unknown, State>, service: Service): void {
  const ci = ctx.stack.ci;
  if (!ci) return;
  for (const v of service.env) {
    const refs = v.value.parts.filter((p) => typeof p !== 'string');
    if (refs.length && refs.every((r) => typeof r !== 'string' && r.root === 'resources' && ci.services.includes(r.name))) ctx.state.ciVariables.add(v.name);
  }
}

function undeclaredInCi(ctx: RuleContext<unknown, State>): void {
  const ci = ctx.stack.ci;
  if (!ci || !ctx.stack.targets.some((t) => t.name === 'github-actions')) return;
  const available = ctx.state.ciVariables;
  for (const step of ci.steps) {
    for (const name of shellReads(step.run)) {
      if (available.has(name) || RUNNER_VARIABLES.test(name) || !isSecretName(name, 'lint')) continue;
      ctx.report({
        message: `\`$${name}\` in CI step \`${step.name}\` is empty: the generated CI job passes no secrets to \`ci.steps\``,
        at: { path: step.path },
        key: name,
        hint: 'make the step work without it (CI databases start password-less), or run it in a workflow of your own that reads `${{ secrets.' + name + ' }}`',
      });
    }
  }
}

/** Notes the service's `secrets:` entries, and whether a target generates the service in this environment. */
function noteDeclarations(ctx: RuleContext<unknown, State>, service: Service, environment: string): void {
  if (ctx.stack.targets.length === 0) return;
  // The targets' plans say who runs what (a plugin target is assumed to take every service it selects).
  const reached = ctx.plans().some((plan) => plan.runs(environment, service.name));
  for (const secret of service.secrets) {
    const key = JSON.stringify(secret.path);
    const entry = ctx.state.declarations.get(key) ?? { name: secret.name, service, path: secret.path, reached: false };
    entry.reached ||= reached;
    ctx.state.declarations.set(key, entry);
  }
}

function unusedDeclarations(ctx: RuleContext<unknown, State>): void {
  for (const d of ctx.state.declarations.values()) {
    if (d.reached) continue;
    ctx.report({
      message: `secret \`${d.name}\` of \`${d.service.name}\` reaches no target: no target generates \`${d.service.name}\` where it is declared`,
      at: { path: d.path },
      severity: 'warn',
      key: d.name,
      hint: `remove it, or add \`${d.service.name}\` to a target's \`services\` (and \`environments\`)`,
    });
  }
}
