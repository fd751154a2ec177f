// Where Fly runs each service of an environment: a Fly app per service, with its fly.toml, served
// on its own domain or at `<app>.fly.dev`, or privately over Flycast.
import type { DeploymentModel } from '../../src/deploy/model.js';
import { addressEntry, facts, portsFact, replicasFact, type Entry, type Placement } from '../../src/emit/placement.js';
import type { PlaceContext } from '../../src/emit/target.js';
import { flycastOnly } from './address-book.js';
import { appName } from './app-name.js';
import { machines } from './machines.js';
import { planLayout } from './layout.js';
import { readOptions } from './options.js';

export function place(model: DeploymentModel, ctx: PlaceContext): Placement[] {
  const options = readOptions(model.stack, ctx.options);
  const layout = planLayout(ctx.plan);
  return ctx.plan.environments.map((name) => {
    const environment = model.environment(name)!;
    return {
      target: 'fly',
      environment: name,
      lines: options.region ? [`region ${options.region}`] : [],
      services: ctx.plan.services(name).map((service) => {
        const app = appName(options, service.name, environment);
        const a = service.autoscale;
        // On a routable host once its certificate is added; else at Fly's own address for the app.
        const entries: Entry[] = service.endpoints.map((e) =>
          e.routable ? addressEntry(e, 'Fly proxy · HTTPS') : { key: `@entry/${app}.fly.dev`, title: `${app}.fly.dev`, lines: [], label: 'Fly proxy · HTTPS' },
        );
        const isPrivate = flycastOnly(service);
        return {
          name: service.name,
          facts: facts(a ? `${a.min}–${a.max} Machines` : replicasFact(service.replicas), portsFact(service.ports), isPrivate ? `private: ${app}.flycast` : undefined),
          entries,
          unit: { key: `fly/app/${service.name}`, title: `app ${app}` },
          deploy: { kind: 'fly', config: layout.file(service, name), app, private: isPrivate, count: machines(service).count },
        };
      }),
      resources: [],
    };
  });
}
