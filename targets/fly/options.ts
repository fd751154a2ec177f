// `targets.fly` options. The stack schema validates them (`targets.fly` in schema/stack.schema.json);
// this only gives them types and defaults, defensively, because plugins and tests can build an
// EmitContext by hand.
import type { DataPath, Stack } from '../../src/model/stack.js';
import { bareEnvironment } from './app-name.js';

export interface FlyOptions {
  /** `primary_region`; `undefined` leaves the choice to flyctl. */
  region?: string;
  /** App names are `<prefix>-<service>[-<env>]`; default: the stack name. */
  prefix: string;
  /** The environment whose apps are `<prefix>-<service>`, without a suffix (app-name.ts). */
  bare?: string;
  /** App names given by hand, per environment and service (to keep an app's existing name). */
  apps: Record<string, Record<string, string>>;
  /** Where the options live in stack.yaml, for diagnostics about them. */
  path: DataPath;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function appsOf(v: unknown): Record<string, Record<string, string>> {
  if (!isRecord(v)) return {};
  const out: Record<string, Record<string, string>> = {};
  for (const [environment, services] of Object.entries(v)) {
    if (!isRecord(services)) continue;
    out[environment] = Object.fromEntries(Object.entries(services).filter((e): e is [string, string] => text(e[1]) !== undefined));
  }
  return out;
}

export function readOptions(stack: Stack, options: Record<string, unknown>): FlyOptions {
  const region = text(options.region);
  const bare = bareEnvironment(stack.environments);
  return {
    ...(region ? { region } : {}),
    prefix: text(options.prefix) ?? stack.name,
    ...(bare ? { bare } : {}),
    apps: appsOf(options.apps),
    path: ['targets', 'fly'],
  };
}
