// Where Railway runs each service of an environment: a Railway service of the same name (or the one
// `targets.railway.names` gives) in the
// Railway environment of the same name, the databases it uses beside it.
import { deployedBy, workflowDeploys } from '../../src/deploy/deployed-by.js';
import type { DeployedJob, DeploymentModel } from '../../src/deploy/model.js';
import { addressEntry, facts, jobFact, portsFact, replicasFact, type Entry, type Placement } from '../../src/emit/placement.js';
import type { PlaceContext } from '../../src/emit/target.js';
import { railwayAddressBook } from './address-book.js';
import { planLayout, railwayServices } from './layout.js';
import { railwayReplicas, replicaCount } from './platform.js';
import { readOptions } from './options.js';
import { railwayNames } from './resources.js';
import type { Scope } from './scope.js';
import { railwayVariables } from './variables.js';

export function place(model: DeploymentModel, ctx: PlaceContext): Placement[] {
  const names = railwayNames(model, readOptions(ctx.options).names);
  const layout = planLayout(ctx.plan, ctx.stackFile);
  return ctx.plan.environments.map((name): Placement => {
    const environment = model.environment(name)!;
    // The variables files' values, which a deploy job sets (the build reports about them).
    const scope: Scope = { environment, plan: ctx.plan, layout, stackFile: ctx.stackFile, names, book: railwayAddressBook(environment, ctx.plan, names), deployedBy: deployedBy(model.stack, 'railway'), workflowDeploys: workflowDeploys(model.stack, 'railway', name), report: () => {} };
    return {
      target: 'railway',
      environment: name,
      lines: [`environment ${name}`],
      services: railwayServices(ctx.plan, name).map((service) => {
        const a = service.autoscale;
        // A host the world can reach is a custom domain; otherwise Railway generates one.
        const entries: Entry[] = service.endpoints.map((endpoint) =>
          endpoint.routable ? addressEntry(endpoint, 'Railway · custom domain') : { key: `@entry/railway/${service.name}`, title: '*.up.railway.app', lines: [`generated domain of ${service.name}`], label: 'Railway · HTTPS' },
        );
        const variables = railwayVariables(service, scope);
        return {
          name: service.name,
          // A scheduled job is a cron service (its schedule is the fact that matters).
          facts: 'trigger' in service ? ['cron service', jobFact(service as DeployedJob)] : facts(railwayReplicas(service) < replicaCount(service) ? undefined : a ? `×${a.min} (no autoscaling)` : replicasFact(service.replicas), portsFact(service.ports)),
          entries,
          deploy: {
            kind: 'railway',
            service: names.get(service.name) ?? service.name,
            variables: variables.lines.map((l) => ({ name: l.name, value: l.value })),
            secrets: variables.toSet.map((s) => s.name),
          },
        };
      }),
      resources: ctx.plan.resources(name).map((resource) => ({ name: resource.name, facts: [`Railway service ${names.get(resource.name) ?? resource.name}`] })),
    };
  });
}
