// Small readers over the rule context shared by the secrets rules.
import type { Service, Stack } from '../../model/stack.js';
import type { RuleContext } from '../rule.js';

/** stack.yaml's path relative to the project root (its directory). */
export const stackFileName = (ctx: RuleContext<unknown>): string => ctx.stackFile;

/** stack.yaml's text, for scans that look at all of it (comments and `x-` fields included). */
export const stackText = (ctx: RuleContext<unknown>): string => ctx.stackText;

/** Names of the stack's services and resources: the host names inside its own network. */
export function stackHostNames(stack: Stack): Set<string> {
  const names = new Set<string>();
  for (const view of stack.views.values()) {
    for (const s of view.services) names.add(s.name);
    for (const r of view.resources) names.add(r.name);
  }
  return names;
}

/** The literal value of the variable naming the user that goes with a password variable (`POSTGRES_USER` for `POSTGRES_PASSWORD`). */
export function companionUser(service: Service, passwordName: string): string | undefined {
  const stem = passwordName.replace(/(PASSWORD|PASSWD|PASS|PWD)$/i, '');
  if (stem === passwordName) return undefined;
  for (const suffix of ['USER', 'USERNAME', 'LOGIN', 'USER_NAME']) {
    const v = service.env.find((e) => e.name.toUpperCase() === `${stem}${suffix}`.toUpperCase());
    if (v && v.value.parts.every((p) => typeof p === 'string')) return v.value.parts.join('');
  }
  return undefined;
}

/** Where a service's field was written: the override's key when an environment override set it. */
export const fieldPath = (service: Service, field: string): readonly (string | number)[] => service.origins[field] ?? [...service.path, field];
