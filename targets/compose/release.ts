// `release` (migrations) as a one-shot service: same image, environment and volumes as its service,
// run to completion before the service starts (`service_completed_successfully`), so that
// `docker compose up` migrates first, as the platforms' release phases do.
import type { Service } from '../../src/model/stack.js';
import type { Scope } from './scope.js';
import type { Emitted } from './service.js';
import { literal } from './text.js';

/** The one-shot service's name (`api-release`), or `undefined` when there is none to run. */
export function releaseName(service: Service, scope: Scope): string | undefined {
  if (!service.release) return undefined;
  const name = `${service.name}-release`;
  const path = service.origins.release ?? service.path;
  if (scope.declared.has(name) || scope.resources.has(name)) {
    scope.report({
      severity: 'warning',
      code: 'compose/release',
      message: `the release command of \`${service.name}\` is not run: its one-shot service would be named \`${name}\`, which the stack already uses`,
      path,
      hint: `rename \`${name}\`, or run the release command by hand: docker compose run --rm ${service.name} ${service.release.join(' ')}`,
    });
    return undefined;
  }
  scope.report({
    severity: 'info',
    code: 'compose/release',
    message: `the release command of \`${service.name}\` runs as the one-shot service \`${name}\`; \`${service.name}\` starts after it succeeds`,
    path,
  });
  return name;
}

/** The job: the service's image, build, environment, volumes and dependencies; no ports, healthcheck or replicas. */
export function releaseJob(service: Service, name: string, main: Emitted): Emitted {
  const d = main.definition;
  const pick = (key: string) => (key in d ? { [key]: d[key] } : {});
  const deps = new Map(d.depends_on as Map<string, unknown>);
  deps.delete(name);
  const resources = (d.deploy as { resources?: unknown } | undefined)?.resources;
  const definition: Record<string, unknown> = {
    ...pick('image'),
    ...pick('build'),
    ...pick('entrypoint'),
    command: service.release!.map(literal),
    ...pick('user'),
    ...pick('read_only'),
    ...pick('tmpfs'),
    ...pick('environment'),
    ...pick('volumes'),
    ...(deps.size ? { depends_on: deps } : {}),
    restart: 'no',
    ...(resources ? { deploy: { resources } } : {}),
    ...pick('labels'),
  };
  return { name, definition, comments: [`One-shot: the release command of ${service.name}, run to completion before ${service.name} starts.`], keyComments: new Map() };
}
