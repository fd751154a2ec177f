// Where the railway files land. Each service's files sit in its root directory — the build context,
// the static site's root, or the stack root for a service that only names an image:
//   backend/railway.json               the config-as-code file (every environment in one file)
//   backend/railway.<env>.env          the variables to set in that Railway environment
// When several services the target deploys share a directory, the names carry the service:
//   backend/railway.api.json, backend/railway.api.<env>.env, backend/railway.worker.json, ...
// Railway reads a config file from the path set in the service's settings, so any name works.
// Names are decided over every environment the target deploys (the plan's), so `--env` does not
// rename files.
import type { TargetPlan } from '../../src/deploy/placement.js';
import { inDirectory } from '../../src/emit/paths.js';
import type { Service } from '../../src/model/stack.js';

/** The service's root directory (relative to the stack root, `.` for the root). */
export const rootDirectory = (service: Service): string => service.build?.context ?? service.static?.root ?? '.';

export interface Layout {
  /** The directory the service's files are in (its root directory in its first environment). */
  directory(service: string): string;
  config(service: string): string;
  variables(service: string, environment: string): string;
}

export function planLayout(plan: TargetPlan): Layout {
  // A service's directory can differ between environments (a development build context); its one
  // railway.json goes where it is in the first environment that has the service.
  const directories = new Map<string, string>();
  for (const environment of plan.environments) {
    for (const service of plan.services(environment)) if (!directories.has(service.name)) directories.set(service.name, rootDirectory(service));
  }
  const count = new Map<string, number>();
  for (const dir of directories.values()) count.set(dir, (count.get(dir) ?? 0) + 1);
  const base = (service: string): { dir: string; stem: string } => {
    const dir = directories.get(service) ?? '.';
    return { dir, stem: (count.get(dir) ?? 1) > 1 ? `railway.${service}` : 'railway' };
  };
  return {
    directory: (service) => base(service).dir,
    config: (service) => inDirectory(base(service).dir, `${base(service).stem}.json`),
    variables: (service, environment) => inDirectory(base(service).dir, `${base(service).stem}.${environment}.env`),
  };
}
