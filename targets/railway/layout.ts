// Where the railway files land. Each service's files sit in its root directory — the build context,
// the static site's root, or the stack root for a service that only names an image:
//   backend/railway.json               the config-as-code file (every environment in one file)
//   backend/railway.<env>.env          the variables to set in that Railway environment
// When several services the target deploys share a directory, the names carry the service:
//   backend/railway.api.json, backend/railway.api.<env>.env, backend/railway.worker.json, ...
// Railway reads a config file from the path set in the service's settings, so any name works.
// A static site served without a build publishes every file of its root (Railpack's Caddy, Vercel):
// its files go to deploy/railway/ instead, named after the service like files in a shared directory:
//   deploy/railway/railway.site.json, deploy/railway/railway.site.<env>.env
// Names are decided over every environment the target deploys (the plan's), so `--env` does not
// rename files.
// After `stackc build --out`, paths are rebased onto the output root (src/emit/paths.ts): with
// stack.yaml in a subdirectory (`-f app/stack.yaml --out .`) the files go to `app/backend/`, and
// Railway's Root Directory and watch patterns, which are paths from the repository root, say
// `/app/backend`. A root directory outside the output root (`--out deploy`) keeps its
// stack-relative place under the output root (`deploy/backend/`, warning `railway/out-of-tree`).
import { posix } from 'node:path';
import type { DeployedService } from '../../src/deploy/model.js';
import type { TargetPlan } from '../../src/deploy/placement.js';
import { isServed } from '../../src/deploy/served-root.js';
import { fromOutputRoot, inDirectory } from '../../src/emit/paths.js';
import type { Service } from '../../src/model/stack.js';

/**
 * The Railway services of an environment: the stack's services, and its scheduled jobs, each a
 * service with a cron schedule (https://docs.railway.com/reference/cron-jobs) that Railway starts on
 * its schedule and that exits when done.
 */
export const railwayServices = (plan: TargetPlan, environment: string): DeployedService[] => [...plan.services(environment), ...plan.jobs(environment).filter((j) => j.trigger === 'schedule')];

/** The service's root directory (relative to the stack root, `.` for the root). */
export const rootDirectory = (service: Service): string => service.build?.context ?? service.static?.root ?? '.';

/**
 * Whether Railway deploys the service from code (a build or a static site) and so reads its
 * railway.json; a service that only names an image has an image source, which has no files.
 */
export const hasCode = (service: Service): boolean => service.build !== undefined || service.static !== undefined;

/**
 * A stack-relative path as Railway's settings take it (from the repository root, without the
 * leading `/`). The repository root is taken to be the output root when the path lies inside it,
 * otherwise the directory of stack.yaml.
 */
export const repositoryPath = (path: string, stackFile: string): string => fromOutputRoot(path, stackFile) ?? posix.normalize(path);

/** Where the files of a service whose root directory is served as it is go: out of what the site publishes. */
export const PLATFORM_DIRECTORY = 'deploy/railway';

/** Whether files written into the service's root directory would be published with the site. */
const servedWithSite = (service: DeployedService): boolean => isServed(rootDirectory(service), service.servedRoot);

export interface Layout {
  /** The directory the service's files are in (its root directory in its first environment), from the output root. */
  directory(service: string): string;
  /** Whether the service's root directory lies outside the output root (its files then are not in it). */
  outside(service: string): boolean;
  config(service: string): string;
  variables(service: string, environment: string): string;
}

export function planLayout(plan: TargetPlan, stackFile: string): Layout {
  // A service's directory can differ between environments (a development build context); its one
  // railway.json goes where it is in the first environment that has the service.
  const directories = new Map<string, string>();
  const served = new Set<string>();
  for (const environment of plan.environments) {
    for (const service of railwayServices(plan, environment)) {
      // Served as it is in any environment (a development override without a build) is enough.
      if (servedWithSite(service)) served.add(service.name);
      if (!directories.has(service.name)) directories.set(service.name, rootDirectory(service));
    }
  }
  const outside = new Set([...directories].filter(([, dir]) => fromOutputRoot(dir, stackFile) === undefined).map(([name]) => name));
  for (const [name, dir] of directories) directories.set(name, served.has(name) ? PLATFORM_DIRECTORY : repositoryPath(dir, stackFile));
  const count = new Map<string, number>();
  for (const dir of directories.values()) count.set(dir, (count.get(dir) ?? 0) + 1);
  const base = (service: string): { dir: string; stem: string } => {
    const dir = directories.get(service) ?? '.';
    return { dir, stem: served.has(service) || (count.get(dir) ?? 1) > 1 ? `railway.${service}` : 'railway' };
  };
  return {
    directory: (service) => base(service).dir,
    outside: (service) => outside.has(service),
    config: (service) => inDirectory(base(service).dir, `${base(service).stem}.json`),
    variables: (service, environment) => inDirectory(base(service).dir, `${base(service).stem}.${environment}.env`),
  };
}
