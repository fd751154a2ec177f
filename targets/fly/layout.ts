// Where each fly.toml lands and what its app is called.
//
// A fly.toml sits in its service's build context (the stack root for a service that only names an
// image), so `fly deploy` run there builds exactly what Compose and Kubernetes build:
//   backend/fly.toml                 one service in the directory, one environment
//   backend/fly.<env>.toml           one service, several environments
//   backend/fly.<service>.toml       several services share the directory (one environment)
//   backend/fly.<service>.<env>.toml several services, several environments
// The choice is made over every environment the target deploys (not only those `--env` narrows the
// build to), so building one environment writes the same file names as building them all.
import { posix } from 'node:path';
import type { EmitContext } from '../../src/emit/target.js';
import type { Service, Stack } from '../../src/model/stack.js';
import type { FlyOptions } from './options.js';

/** Environments that decide the file names: all the target deploys, even when `--env` asks for fewer. */
export function layoutEnvironments(stack: Stack, ctx: EmitContext): string[] {
  const config = stack.targets.find((t) => t.name === 'fly');
  return config && ctx.environments.every((e) => config.environments.includes(e)) ? config.environments : ctx.environments;
}

/** The directory (relative to the stack root, `.` for the root) a service's fly.toml lands in. */
export const serviceDirectory = (service: Service): string => service.build?.context ?? '.';

export interface Layout {
  /** Output-root-relative path of the fly.toml of a service in an environment. */
  file(service: Service, environment: string): string;
}

export function planLayout(stack: Stack, ctx: EmitContext): Layout {
  const environments = layoutEnvironments(stack, ctx);
  const byDirectory = new Map<string, Set<string>>();
  for (const environment of environments) {
    for (const service of stack.views.get(environment)?.services ?? []) {
      if (service.kind !== 'container' || !ctx.services.includes(service.name)) continue;
      const dir = serviceDirectory(service);
      if (!byDirectory.has(dir)) byDirectory.set(dir, new Set());
      byDirectory.get(dir)!.add(service.name);
    }
  }
  const several = environments.length > 1;
  return {
    file(service, environment) {
      const dir = serviceDirectory(service);
      const shared = (byDirectory.get(dir)?.size ?? 1) > 1;
      const name = ['fly', ...(shared ? [service.name] : []), ...(several ? [environment] : []), 'toml'].join('.');
      return dir === '.' ? name : `${dir}/${name}`;
    },
  };
}

/**
 * The Fly app of a service in an environment: `<prefix>-<service>` in the stack's first (default)
 * environment, `<prefix>-<service>-<env>` in the others. Fly app names are global, so `prefix`
 * (default: the stack name) is the knob for making them unique.
 */
export function appName(stack: Stack, options: FlyOptions, service: string, environment: string): string {
  const isDefault = stack.environments[0]?.name === environment;
  return isDefault ? `${options.prefix}-${service}` : `${options.prefix}-${service}-${environment}`;
}

/**
 * Paths between the fly.toml and the build context. The file is written at `<context>/<name>` under
 * the output root; the context itself is `<dirname(stackFile)>/<context>` from the output root, which
 * is the same directory unless `stackc build --out` moved the root.
 * @param stackFile stack.yaml relative to the output root (`stack.yaml`, `../stack.yaml`).
 * @returns `fromRoot`: the context from the output root; `toContext`: the context from the file's
 * directory (`.` when the file is in it).
 */
export function contextPaths(filePath: string, context: string, stackFile: string): { fromRoot: string; toContext: string } {
  const fromRoot = posix.normalize(posix.join(posix.dirname(stackFile), context));
  return { fromRoot, toContext: relativeFrom(posix.dirname(filePath), fromRoot) };
}

/**
 * `to` relative to the directory `from`, both relative to the same root, without consulting the
 * working directory (node's `path.relative` resolves against it). `from` never climbs out of the
 * root (it is a file's directory in the output), so the result is exact.
 */
export function relativeFrom(from: string, to: string): string {
  const a = from === '.' ? [] : from.split('/');
  const b = to === '.' ? [] : to.split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  const parts = [...a.slice(common).map(() => '..'), ...b.slice(common)];
  return parts.length ? parts.join('/') : '.';
}
