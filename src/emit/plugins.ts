// Loading third-party targets: `./path/to/target.mjs` (inside the project) or an npm package
// `stackc-target-<name>` resolved from the project, with the same contract as built-in targets.
import Ajv from 'ajv';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DNS_LABEL } from '../model/dns-label.js';
import type { Stack } from '../model/stack.js';
import { thrownMessage } from './plugin-result.js';
import type { Target } from './target.js';
import { importModule } from './import-module.js';

export interface PluginProblem {
  code: string;
  message: string;
  hint: string;
  path: (string | number)[];
}

/** Imports each plugin named in stack.yaml and checks it is a Target. */
export async function loadPlugins(stack: Stack, builtinNames: readonly string[]): Promise<{ targets: Target[]; problems: PluginProblem[] }> {
  const targets: Target[] = [];
  const problems: PluginProblem[] = [];
  for (const [index, specifier] of stack.plugins.entries()) {
    const path = ['plugins', index];
    let url: string;
    if (specifier.startsWith('./')) {
      const file = resolve(stack.root, specifier);
      if (!existsSync(file)) {
        problems.push({ code: 'plugin-not-found', message: `plugin \`${specifier}\` does not exist`, hint: 'the path is relative to the directory of stack.yaml', path });
        continue;
      }
      url = pathToFileURL(file).href;
    } else {
      try {
        url = pathToFileURL(createRequire(resolve(stack.root, 'package.json')).resolve(specifier)).href;
      } catch {
        problems.push({ code: 'plugin-not-found', message: `plugin package \`${specifier}\` is not installed`, hint: `install it in the project: \`npm install --save-dev ${specifier}\``, path });
        continue;
      }
    }
    let loaded: unknown;
    try {
      loaded = ((await importModule(url)) as { default?: unknown }).default;
    } catch (error) {
      problems.push({ code: 'plugin-failed', message: `plugin \`${specifier}\` failed to load: ${thrownMessage(error)}`, hint: 'this is a problem in the plugin; its author can run it with `node` to see the full error', path });
      continue;
    }
    const problem = targetShapeProblem(loaded);
    if (problem) {
      problems.push({ code: 'plugin-invalid', message: `plugin \`${specifier}\` ${problem}`, hint: 'a plugin module exports `default { name, describe, emit(stack, ctx) }` (see docs/plugins.md)', path });
      continue;
    }
    const target = loaded as Target;
    if (builtinNames.includes(target.name) || targets.some((t) => t.name === target.name)) {
      problems.push({ code: 'plugin-invalid', message: `plugin \`${specifier}\` is named \`${target.name}\`, which is already taken`, hint: 'plugin targets need names of their own', path });
      continue;
    }
    targets.push(target);
  }
  return { targets, problems };
}

function targetShapeProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return 'has no default export';
  const t = value as Partial<Target>;
  if (typeof t.name !== 'string' || !DNS_LABEL.test(t.name)) return 'has no `name` (a DNS label)';
  if (typeof t.emit !== 'function') return 'has no `emit` function';
  if (t.describe !== undefined && typeof t.describe !== 'string') return 'has a `describe` that is not a string';
  if (t.optionsSchema !== undefined && (typeof t.optionsSchema !== 'object' || t.optionsSchema === null)) return 'has an `optionsSchema` that is not a JSON Schema object';
  return undefined;
}

/** Checks `targets.<plugin>` against the plugin's options schema (compiled here: plugins are rare). */
export function pluginOptionProblems(target: Target, options: Record<string, unknown>): string[] {
  if (!target.optionsSchema) return [];
  const { environments: _e, services: _s, ...own } = options;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(target.optionsSchema);
  return validate(own) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(options)'} ${e.message ?? 'is invalid'}`);
}
