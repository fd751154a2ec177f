// Where in stack.yaml a value of a service was written: the base definition or an environment's
// override. Shared by the rules that point at keys inside `resources`, `build` and `static`
// (resource-bounds, base-image-pinned, build-files-exist).
import type { DataPath, Service } from '../../../model/stack.js';
import type { RuleContext } from '../../rule.js';

const samePath = (a: DataPath, b: DataPath): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Where a key inside a map field that overrides merge into (`resources`, `build`, `static`) was
 * written. `service.origins[field]` names the override as soon as it sets any key of the map, so a
 * value the override only inherited is traced back to the base when an environment without the
 * override shows the same value. (The engine could answer this exactly from the YAML document.)
 */
export function writtenAt(ctx: Pick<RuleContext<unknown>, 'instances'>, service: Service, field: 'resources' | 'build' | 'static', keys: readonly string[]): { path: DataPath; overridden: boolean } {
  const base: DataPath = [...service.path, field];
  const origin = service.origins[field] ?? base;
  if (samePath(origin, base)) return { path: [...base, ...keys], overridden: false };
  const valueIn = (s: Service): unknown => keys.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), s[field]);
  const value = valueIn(service);
  const inherited = ctx.instances(service.name).some(({ service: s }) => s.origins[field] !== undefined && samePath(s.origins[field]!, base) && valueIn(s) === value);
  return inherited ? { path: [...base, ...keys], overridden: false } : { path: [...origin, ...keys], overridden: true };
}
