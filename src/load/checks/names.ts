import { didYouMean } from '../../diagnostics/suggest.js';
import { entries, type DataCheck } from './context.js';

/** The names targets, services and resources share, and the environments overrides refer to. */
export const BUILTIN_TARGETS = ['compose', 'kubernetes', 'fly', 'railway', 'vercel', 'github-actions'] as const;

/** Services and resources share one namespace: both become host names and `depends_on` entries. */
export const checkNameClashes: DataCheck = (ctx) => {
  for (const [name] of entries(ctx.data.resources)) {
    if (ctx.data.services?.[name]) {
      ctx.report({ path: ['resources', name], atKey: true, code: 'duplicate-name', message: `\`${name}\` is both a service and a resource`, hint: 'services and resources share one set of names (they become host names); rename one', related: [{ message: 'the service is declared here', path: ['services', name] }] });
    }
  }
};

/** Override blocks must name declared environments. */
export const checkOverrideEnvironments: DataCheck = (ctx) => {
  const declared = ctx.environments;
  const hint = (env: string) => didYouMean(env, declared) ?? `declared environments: ${declared.map((e) => `\`${e}\``).join(', ')}${ctx.data.environments ? '' : ' (none are declared, so the only one is `development`)'}`;
  for (const kind of ['services', 'resources', 'jobs'] as const) {
    for (const [name, item] of entries<{ environments?: Record<string, unknown> }>(ctx.data[kind])) {
      for (const env of Object.keys(item.environments ?? {})) {
        if (!declared.includes(env)) {
          ctx.report({ path: [kind, name, 'environments', env], atKey: true, code: 'unknown-environment', message: `override for undeclared environment \`${env}\``, hint: hint(env) });
        }
      }
    }
  }
};

/** Target names are built-in or come from a plugin; their filters name declared things. */
export const checkTargets: DataCheck = (ctx) => {
  const pluginNames = (ctx.data.plugins ?? []).flatMap((p) => /stackc-target-([a-z0-9][a-z0-9._-]*)$/.exec(p)?.[1] ?? []);
  const hasPathPlugins = (ctx.data.plugins ?? []).some((p) => p.startsWith('./'));
  // A target's `services` filter selects jobs by name too.
  const services = [...Object.keys(ctx.data.services ?? {}), ...Object.keys(ctx.data.jobs ?? {})];
  for (const [name, options] of entries<Record<string, unknown>>(ctx.data.targets as Record<string, Record<string, unknown>> | undefined)) {
    const path = ['targets', name];
    const known = (BUILTIN_TARGETS as readonly string[]).includes(name) || pluginNames.includes(name);
    if (!known && !hasPathPlugins) {
      ctx.report({ path, atKey: true, code: 'unknown-target', message: `unknown target \`${name}\``, hint: didYouMean(name, [...BUILTIN_TARGETS, ...pluginNames]) ?? `built-in targets: ${BUILTIN_TARGETS.join(', ')}; others come from \`plugins\`` });
    }
    (options.environments as string[] | undefined)?.forEach((env, i) => {
      if (!ctx.environments.includes(env)) ctx.report({ path: [...path, 'environments', i], code: 'unknown-environment', message: `target \`${name}\` names undeclared environment \`${env}\``, hint: didYouMean(env, ctx.environments) ?? `declared environments: ${ctx.environments.join(', ')}` });
    });
    (options.services as string[] | undefined)?.forEach((svc, i) => {
      if (!services.includes(svc)) ctx.report({ path: [...path, 'services', i], code: 'unknown-service', message: `target \`${name}\` names unknown service \`${svc}\``, hint: didYouMean(svc, services) ?? `services: ${services.join(', ')}` });
    });
    checkPatchFilters(ctx, name, options, services);
  }
};

/** A patch names environments and a service its target generates (`targets.<name>.patches`, docs/patches.md). */
function checkPatchFilters(ctx: Parameters<DataCheck>[0], target: string, options: Record<string, unknown>, declared: string[]): void {
  const environments = (options.environments as string[] | undefined) ?? ctx.environments;
  const services = (options.services as string[] | undefined) ?? declared;
  ((options.patches as Record<string, unknown>[] | undefined) ?? []).forEach((patch, p) => {
    const path = ['targets', target, 'patches', p];
    if (target === 'github-actions' && patch.workflow !== 'deploy' && patch.environments !== undefined) {
      // ci.yml is one workflow for every environment: a filter there would be silently ignored.
      ctx.report({
        path: [...path, 'environments'],
        atKey: true,
        code: 'conflicting-keys',
        message: 'a patch of ci.yml names `environments`, but ci.yml is one workflow for every environment: the patch would apply to all of them',
        hint: 'to patch the deploy workflows of these environments, add `workflow: deploy`; to patch ci.yml, remove `environments`',
      });
      return;
    }
    (patch.environments as string[] | undefined)?.forEach((env, i) => {
      if (environments.includes(env)) return;
      const declaredOnly = ctx.environments.includes(env);
      ctx.report({
        path: [...path, 'environments', i],
        code: 'unknown-environment',
        message: declaredOnly ? `a patch of target \`${target}\` names environment \`${env}\`, which the target does not generate` : `a patch of target \`${target}\` names undeclared environment \`${env}\``,
        hint: didYouMean(env, environments) ?? `the target's environments: ${environments.join(', ')}`,
      });
    });
    const service = patch.service as string | undefined;
    if (service !== undefined && !services.includes(service)) {
      ctx.report({
        path: [...path, 'service'],
        code: 'unknown-service',
        message: declared.includes(service) ? `a patch of target \`${target}\` names service \`${service}\`, which the target does not generate` : `a patch of target \`${target}\` names unknown service \`${service}\``,
        hint: didYouMean(service, services) ?? `the target's services: ${services.join(', ')}`,
      });
    }
  });
}
