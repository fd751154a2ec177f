// `targets.railway` options. The stack schema validates them (`targets.railway` in
// schema/stack.schema.json); this only gives them types, defensively, because plugins and tests
// can build a context by hand.
import type { DataPath } from '../../src/model/stack.js';

export interface RailwayOptions {
  /** Railway service names given by hand, by the stack's service or backing-service name (to keep a running service's name). */
  names: Record<string, string>;
  /** Where the options live in stack.yaml, for diagnostics about them. */
  path: DataPath;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readOptions(options: Record<string, unknown>): RailwayOptions {
  const names = isRecord(options.names) ? Object.fromEntries(Object.entries(options.names).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')) : {};
  return { names, path: ['targets', 'railway'] };
}
