import { didYouMean } from '../../diagnostics/suggest.js';
import type { Service } from '../../model/stack.js';
import { entries, type DataCheck, type ModelCheck } from './context.js';

/** `depends_on` and `ci.services` name things that exist. */
export const checkDependencyNames: DataCheck = (ctx) => {
  const services = Object.keys(ctx.data.services ?? {});
  const resources = Object.keys(ctx.data.resources ?? {});
  const all = [...services, ...resources];
  for (const [name, s] of entries(ctx.data.services)) {
    const lists = [{ list: s.depends_on, path: ['services', name, 'depends_on'] }, ...entries(s.environments).map(([env, o]) => ({ list: o.depends_on, path: ['services', name, 'environments', env, 'depends_on'] }))];
    for (const { list, path } of lists) {
      list?.forEach((dep, i) => {
        if (dep === name) ctx.report({ path: [...path, i], code: 'self-dependency', message: `service \`${name}\` depends on itself`, hint: 'remove it from `depends_on`' });
        else if (!all.includes(dep)) ctx.report({ path: [...path, i], code: 'unknown-dependency', message: `\`${dep}\` is neither a service nor a resource`, hint: didYouMean(dep, all) ?? (all.length ? `known names: ${all.join(', ')}` : 'declare it under `services` or `resources`') });
      });
    }
  }
  ctx.data.ci?.services?.forEach((dep, i) => {
    if (!resources.includes(dep)) {
      ctx.report({ path: ['ci', 'services', i], code: 'unknown-dependency', message: `\`${dep}\` is not a resource`, hint: didYouMean(dep, resources) ?? 'CI service containers come from `resources` (postgres, redis, ...)' });
    }
  });
};

/** In each environment: no cycles, and no dependency on a service switched off there. */
export const checkDependencyGraph: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    const byName = new Map(view.services.map((s) => [s.name, s]));
    for (const s of view.services) {
      for (const d of s.dependsOn) {
        if (d.kind === 'service' && !byName.has(d.name) && ctx.data.services?.[d.name]) {
          ctx.report({ path: d.path, code: 'disabled-dependency', message: `\`${s.name}\` depends on \`${d.name}\`, which is disabled in environment \`${view.environment.name}\``, hint: `enable \`${d.name}\` there, or drop the dependency in \`services.${s.name}.environments.${view.environment.name}.depends_on\`` });
        }
      }
    }
    for (const cycle of findCycles(view.services)) {
      const first = cycle[0]!;
      const edge = first.dependsOn.find((d) => d.name === cycle[1 % cycle.length]!.name)!;
      ctx.report({ path: edge.path, code: 'dependency-cycle', message: `dependency cycle: ${[...cycle, first].map((s) => s.name).join(' → ')}`, hint: 'services start in dependency order, so a cycle can never start; remove one of these `depends_on` entries' });
    }
  }
};

/** Each elementary cycle once, starting at its first-declared service (iterative DFS, linear time). */
export function findCycles(services: readonly Service[]): Service[][] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const state = new Map<string, 'open' | 'done'>();
  const cycles: Service[][] = [];
  for (const root of services) {
    if (state.has(root.name)) continue;
    const stack: { service: Service; next: number }[] = [{ service: root, next: 0 }];
    state.set(root.name, 'open');
    while (stack.length > 0) {
      const frame = stack.at(-1)!;
      const deps = frame.service.dependsOn.filter((d) => d.kind === 'service' && byName.has(d.name));
      if (frame.next >= deps.length) {
        state.set(frame.service.name, 'done');
        stack.pop();
        continue;
      }
      const target = byName.get(deps[frame.next++]!.name)!;
      const s = state.get(target.name);
      if (s === 'open') {
        const from = stack.findIndex((f) => f.service.name === target.name);
        cycles.push(stack.slice(from).map((f) => f.service));
      } else if (s === undefined) {
        state.set(target.name, 'open');
        stack.push({ service: target, next: 0 });
      }
    }
  }
  return cycles;
}
