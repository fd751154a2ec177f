import { needsOf, usedResources } from '../../deploy/needs.js';
import { BUILTIN_CAPABILITIES } from '../../emit/builtin-capabilities.js';
import type { NameRule } from '../../emit/capabilities.js';
import type { DataPath, EnvironmentView, TargetConfig } from '../../model/stack.js';
import type { ModelCheck } from './context.js';

const WHAT: Record<NameRule['of'], string> = { service: 'a service', resource: 'a backing service', environment: 'an environment', job: 'a job' };

/**
 * The names each enabled built-in target would deploy keep that platform's rules (its capabilities'
 * `names`: a Kubernetes Service starts with a letter, Compose must not write compose.override.yaml).
 * Only what the target would deploy is held to them: the environments and services its filters
 * select, of a kind it runs, and the backing services it provisions there.
 */
export const checkTargetNames: ModelCheck = (stack, ctx) => {
  for (const target of stack.targets) {
    const capabilities = BUILTIN_CAPABILITIES[target.name];
    const rules = capabilities?.names ?? [];
    if (!capabilities || rules.length === 0) continue;
    for (const environment of target.environments) {
      const view = stack.views.get(environment);
      if (!view) continue;
      const deployed: { of: NameRule['of']; name: string; path: DataPath }[] = [
        { of: 'environment', name: environment, path: view.environment.path },
        ...servicesRun(view, target, capabilities.runs.services).map((s) => ({ of: 'service' as const, name: s.name, path: s.path })),
        ...resourcesProvisioned(view, target, capabilities.runs).map((r) => ({ of: 'resource' as const, name: r.name, path: r.path })),
        // An HTTP job names nothing on a platform: Vercel's crons are paths, and no other target writes one.
        ...view.jobs.filter((j) => !j.http && (!target.services || target.services.includes(j.name))).map((j) => ({ of: 'job' as const, name: j.name, path: j.path })),
      ];
      for (const { of, name, path } of deployed) {
        for (const rule of rules.filter((r) => r.of === of && r.breaks(name))) {
          ctx.report({ path, atKey: true, code: 'invalid-name-for-target', message: `\`${name}\` cannot name ${WHAT[of]} on ${capabilities.title}: ${rule.why}`, hint: rule.hint(name) });
        }
      }
    }
  }
};

const servicesRun = (view: EnvironmentView, target: TargetConfig, kinds: readonly string[]) =>
  view.services.filter((s) => (!target.services || target.services.includes(s.name)) && kinds.includes(s.kind));

/** As the plan decides (src/deploy/placement.ts): every backing service, or those the services it runs use; never an external one. */
function resourcesProvisioned(view: EnvironmentView, target: TargetConfig, runs: { services: readonly string[]; resources: 'all' | 'used' | 'none' }) {
  if (runs.resources === 'none') return [];
  const find = (name: string) => view.services.find((s) => s.name === name);
  const used = new Set(servicesRun(view, target, runs.services).flatMap((s) => usedResources(needsOf(s, find))));
  return view.resources.filter((r) => !r.external && (runs.resources === 'all' || used.has(r.name)));
}
