import { defineRule } from '../rule.js';
import { dockerfileHealthcheck, healthcheckExample, isHealthcheckNone } from './support/healthcheck.js';
import { isOneShot } from './support/service-role.js';

export default defineRule({
  meta: {
    id: 'depends-on-healthy',
    description: 'Services another service waits for (named in `depends_on`, or reached through `${services.X.host|port|url}`) have a healthcheck, so Compose waits until they are ready rather than merely started.',
    category: 'reliability',
    severity: 'warn',
    scopes: ['model', 'dockerfile'],
    docs: {
      why: 'stackc writes a `depends_on` for every service a service needs: those named in `depends_on`, and those it reaches through `${services.X.host}`, `.port` or `.url` (not `.public_url`, which goes through the public address). The condition is `service_healthy` when the dependency has a healthcheck in stack.yaml (resources always do), and `service_started` when it has none. "Started" means the process was launched, not that it listens: the dependant starts, cannot connect, and either crashes in a loop or, worse, carries on without the connection. Compose is the only target where `depends_on` orders start-up, so this rule looks at the environments the compose target generates.',
      fix: 'Give the dependency a `healthcheck` in stack.yaml (`http: /health`, `tcp: <port>` or `command:`). A HEALTHCHECK in its Dockerfile is not enough: stackc only waits on healthchecks it can see in stack.yaml. Either way, make the dependant retry its connections at start-up; on Kubernetes, Fly and Railway nothing waits at all.',
      bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n  worker:\n    image: ghcr.io/acme/worker:1.4.2\n    depends_on: [api]\ntargets:\n  compose: {}',
      good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports: [8000]\n    healthcheck: { http: /health }\n  worker:\n    image: ghcr.io/acme/worker:1.4.2\n    depends_on: [api]\ntargets:\n  compose: {}',
      whenOff: 'When the dependants retry their connections anyway and `depends_on` is only there for start-up order.',
    },
    peers: [],
  },
  container(ctx, { service, environment }) {
    // What Compose runs there (its filters and what it can run): the only target that orders start-up.
    const compose = ctx.plans().find((p) => p.name === 'compose');
    if (!compose?.runs(environment.name, service.name)) return;
    // The model's needs: `depends_on` and references alike become a Compose `depends_on`.
    for (const dep of service.needs) {
      if (dep.kind !== 'service') continue; // resources always get a healthcheck (or are external, which the compose target reports)
      // Not run by Compose (static, filtered out, disabled): the compose target says so itself.
      if (!compose.runs(environment.name, dep.name)) continue;
      const target = environment.service(dep.name)!;
      // A probe, or `disable: true` with a reason: the dependency's author decided.
      if (target.healthcheck) continue;
      // Waiting for a one-shot job to be healthy makes no sense; it is meant to finish.
      if (isOneShot(target)) continue;
      const fromDockerfile = target.build ? dockerfileHealthcheck(ctx, target) : undefined;
      const dockerfileHas = fromDockerfile?.instruction !== undefined && !isHealthcheckNone(fromDockerfile.instruction);
      const how = dep.via === 'depends_on' ? `depends on \`${dep.name}\`, which` : `reaches \`${dep.name}\` through a reference in \`${String(dep.path.at(-1))}\`, and \`${dep.name}\``;
      ctx.report({
        message: `\`${service.name}\` ${how} has no healthcheck in stack.yaml: Compose starts \`${service.name}\` as soon as \`${dep.name}\` has started, not when it is ready${dockerfileHas ? ` (the HEALTHCHECK in \`${fromDockerfile!.dockerfile.file}\` is not used for \`depends_on\`)` : ''}`,
        at: { path: dep.path },
        hint: `add ${healthcheckExample(target)} to \`${dep.name}\`; stackc then writes \`condition: service_healthy\``,
      });
    }
  },
});
