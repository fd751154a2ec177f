import { didYouMean, oneOfList } from '../../diagnostics/suggest.js';
import { ENVIRONMENT_OUTPUTS, externalOutputs, externalUrlSecret, resourceOutputs, SERVICE_OUTPUTS, type ResourceType } from '../../model/resource-types.js';
import type { DataPath } from '../../model/stack.js';
import { parseTemplate, references, type Reference } from '../../model/template.js';
import { findNode, rangeToRef } from '../parse.js';
import { containerEntries, entries, type CheckContext, type DataCheck, type ModelCheck } from './context.js';

interface TemplateSite {
  path: DataPath;
  text: string;
  /** Only `${environment.*}` may appear (a host name cannot wait for a target to resolve it). */
  environmentOnly: boolean;
}

/** Every string that may hold `${...}`: env values, public hosts and inline files, in the base and in overrides. */
function templateSites(ctx: CheckContext): TemplateSite[] {
  const sites: TemplateSite[] = [];
  for (const [path, , s] of containerEntries(ctx.data)) {
    const blocks: [DataPath, typeof s | undefined][] = [[path, s], ...entries(s.environments).map(([env, o]): [DataPath, typeof s] => [[...path, 'environments', env], o as typeof s])];
    for (const [base, block] of blocks) {
      for (const [key, value] of entries(block?.env)) {
        if (typeof value === 'string') sites.push({ path: [...base, 'env', key], text: value, environmentOnly: false });
      }
      if (block && typeof block.public === 'object' && block.public.host) sites.push({ path: [...base, 'public', 'host'], text: block.public.host, environmentOnly: true });
      block?.files?.forEach((f, i) => {
        if (f.content !== undefined) sites.push({ path: [...base, 'files', i, 'content'], text: f.content, environmentOnly: false });
      });
    }
  }
  return sites;
}

/** Where inside a scalar a piece of text starts, so the caret points at the reference itself. */
export function reportInScalar(ctx: CheckContext, path: DataPath, needle: string, problem: { code: string; message: string; hint: string }): void {
  const { node } = findNode(ctx.source.doc, path);
  const [start, end] = node?.range ?? [0, 0];
  const offset = ctx.source.text.slice(start, end).indexOf(needle);
  if (offset < 0) return ctx.report({ path, ...problem });
  const at = rangeToRef(ctx.source.file, ctx.source.lineCounter, start + offset, start + offset + needle.length);
  ctx.report({ path, at, ...problem });
}

export const checkReferences: DataCheck = (ctx) => {
  const services = ctx.data.services ?? {};
  const resources = ctx.data.resources ?? {};
  for (const site of templateSites(ctx)) {
    const { template, errors } = parseTemplate(site.text);
    for (const e of errors) reportInScalar(ctx, site.path, site.text.slice(e.offset, e.offset + e.length), { code: 'invalid-reference', message: e.message, hint: e.hint });
    for (const ref of references(template)) {
      const problem = referenceProblem(ref, site, services, resources);
      if (problem) reportInScalar(ctx, site.path, ref.text, { code: 'unknown-reference', ...problem });
    }
  }
};

function referenceProblem(
  ref: Reference,
  site: TemplateSite,
  services: NonNullable<CheckContext['data']['services']>,
  resources: NonNullable<CheckContext['data']['resources']>,
): { message: string; hint: string } | undefined {
  if (site.environmentOnly && ref.root !== 'environment') {
    return { message: `\`${ref.text}\` cannot be used in a host name`, hint: 'host names may use `${environment.name}` and `${environment.domain}` only' };
  }
  if (ref.root === 'environment') {
    return (ENVIRONMENT_OUTPUTS as readonly string[]).includes(ref.key) ? undefined : { message: `\`${ref.text}\`: environments have no \`${ref.key}\``, hint: didYouMean(ref.key, ENVIRONMENT_OUTPUTS) ?? `use one of ${oneOfList(ENVIRONMENT_OUTPUTS)}` };
  }
  if (ref.root === 'resources') {
    const resource = resources[ref.name];
    if (!resource) return { message: `\`${ref.text}\` refers to unknown resource \`${ref.name}\``, hint: didYouMean(ref.name, Object.keys(resources)) ?? (Object.keys(resources).length ? `resources: ${Object.keys(resources).join(', ')}` : 'declare it under `resources`') };
    const keys = resourceOutputs(resource.type as ResourceType, Object.keys(resource.outputs ?? {}));
    return keys.includes(ref.key) ? undefined : { message: `\`${ref.text}\`: a ${resource.type} resource has no \`${ref.key}\``, hint: didYouMean(ref.key, keys) ?? `use one of ${oneOfList(keys)}` };
  }
  const service = services[ref.name];
  if (!service) return { message: `\`${ref.text}\` refers to unknown service \`${ref.name}\``, hint: didYouMean(ref.name, Object.keys(services)) ?? `services: ${Object.keys(services).join(', ')}` };
  if (!(SERVICE_OUTPUTS as readonly string[]).includes(ref.key)) return { message: `\`${ref.text}\`: services have no \`${ref.key}\``, hint: didYouMean(ref.key, SERVICE_OUTPUTS) ?? `use one of ${oneOfList(SERVICE_OUTPUTS)}` };
  if ((ref.key === 'port' || ref.key === 'url') && !service.ports?.length && !service.static) return { message: `\`${ref.text}\`: service \`${ref.name}\` has no \`ports\``, hint: `add \`ports\` to \`${ref.name}\`, or refer to something else` };
  if (ref.key === 'public_url' && !service.public && !service.static && !Object.values(service.environments ?? {}).some((o) => o.public)) return { message: `\`${ref.text}\`: service \`${ref.name}\` is not public`, hint: `add \`public: true\` to \`${ref.name}\`` };
  return undefined;
}

/** In each environment: an external resource offers only its URL; a referenced service must run there. */
export const checkReferencesPerEnvironment: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    const resources = new Map(view.resources.map((r) => [r.name, r]));
    const running = new Set(view.services.map((s) => s.name));
    for (const service of [...view.services, ...view.jobs]) {
      const readers = [
        ...service.env.map((v) => ({ template: v.value, path: v.path, fix: `override \`${v.name}\`` })),
        ...service.files.flatMap((f) => (f.content.kind === 'inline' ? [{ template: f.content.template, path: f.content.at, fix: `override \`files\`` }] : [])),
      ];
      for (const variable of readers) {
        for (const ref of references(variable.template)) {
          const resource = ref.root === 'resources' ? resources.get(ref.name) : undefined;
          if (resource?.external && !externalOutputs(resource.type, resource.container?.outputs.map((o) => o.name)).includes(ref.key)) {
            reportInScalar(ctx, variable.path, ref.text, { code: 'external-resource-output', message: `\`${ref.text}\`: \`${ref.name}\` is external in environment \`${view.environment.name}\`, so only its \`url\` is known`, hint: `use \`\${resources.${ref.name}.url}\`; its value comes from the secret \`${externalUrlSecret(ref.name)}\`` });
          }
          if (ref.root === 'services' && !running.has(ref.name) && ctx.data.services?.[ref.name]) {
            reportInScalar(ctx, variable.path, ref.text, { code: 'disabled-reference', message: `\`${ref.text}\`: service \`${ref.name}\` is disabled in environment \`${view.environment.name}\``, hint: `enable it there, or ${variable.fix} for \`${view.environment.name}\`` });
          }
        }
      }
    }
  }
};
