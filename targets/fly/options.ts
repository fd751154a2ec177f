// `targets.fly` options. The stack schema validates them (`targets.fly` in schema/stack.schema.json);
// this only gives them types and defaults, defensively, because plugins and tests can build an
// EmitContext by hand.
import type { DataPath, Stack } from '../../src/model/stack.js';

export interface FlyOptions {
  /** `primary_region`; `undefined` leaves the choice to flyctl. */
  region?: string;
  /** App names are `<prefix>-<service>[-<env>]`; default: the stack name. */
  prefix: string;
  /** Where the options live in stack.yaml, for diagnostics about them. */
  path: DataPath;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function readOptions(stack: Stack, options: Record<string, unknown>): FlyOptions {
  const region = text(options.region);
  return {
    ...(region ? { region } : {}),
    prefix: text(options.prefix) ?? stack.name,
    path: ['targets', 'fly'],
  };
}
