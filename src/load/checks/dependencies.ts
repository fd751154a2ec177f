import { didYouMean } from '../../diagnostics/suggest.js';
import { findNeedCycles, needsOf } from '../../deploy/needs.js';
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
    for (const cycle of findNeedCycles(view.services, (s) => needsOf(s, (name) => byName.get(name)))) {
      const names = [...cycle.map((step) => step.from.name), cycle[0]!.from.name];
      const byReference = cycle.filter((step) => step.need.via === 'reference');
      ctx.report({
        path: cycle[0]!.need.path,
        code: 'dependency-cycle',
        message: `dependency cycle: ${names.join(' → ')}`,
        hint: byReference.length
          ? `a service starts after what it reaches by host, port or url, so a cycle can never start: remove a \`depends_on\` entry, or reach one of them through its public URL (\`public_url\`) instead (${byReference.map((s) => `\`${s.from.name}\` reads \`${s.need.name}\` in ${String(s.need.path.at(-1))}`).join('; ')})`
          : 'services start in dependency order, so a cycle can never start; remove one of these `depends_on` entries',
      });
    }
  }
};
