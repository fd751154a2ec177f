// Where each fly.toml lands.
//
// A fly.toml sits in its service's build context (the stack root for a service that only names an
// image), so `fly deploy` run there builds exactly what Compose and Kubernetes build:
//   backend/fly.toml                 one service in the directory, one environment
//   backend/fly.<env>.toml           one service, several environments
//   backend/fly.<service>.toml       several services share the directory (one environment)
//   backend/fly.<service>.<env>.toml several services, several environments
// The choice is made over every environment the target deploys (the plan's, not only those `--env`
// narrows the build to), so building one environment writes the same file names as building them all.
import type { TargetPlan } from '../../src/deploy/placement.js';
import { inDirectory } from '../../src/emit/paths.js';
import type { Service } from '../../src/model/stack.js';

/** The directory (relative to the stack root, `.` for the root) a service's fly.toml lands in. */
export const serviceDirectory = (service: Service): string => service.build?.context ?? '.';

export interface Layout {
  /** Output-root-relative path of the fly.toml of a service in an environment. */
  file(service: Service, environment: string): string;
}

export function planLayout(plan: TargetPlan): Layout {
  const byDirectory = new Map<string, Set<string>>();
  for (const environment of plan.environments) {
    for (const service of plan.services(environment)) {
      const dir = serviceDirectory(service);
      if (!byDirectory.has(dir)) byDirectory.set(dir, new Set());
      byDirectory.get(dir)!.add(service.name);
    }
  }
  const several = plan.environments.length > 1;
  return {
    file(service, environment) {
      const dir = serviceDirectory(service);
      const shared = (byDirectory.get(dir)?.size ?? 1) > 1;
      return inDirectory(dir, ['fly', ...(shared ? [service.name] : []), ...(several ? [environment] : []), 'toml'].join('.'));
    },
  };
}
