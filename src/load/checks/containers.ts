// Container resources (`type: container`): their settings belong to them alone, they need an image
// and a port, and their outputs are templates of `${host}` and `${port}` or secrets, never named like
// the two outputs every container resource has.
import { OUTPUT_VARIABLES, parseOutputTemplate } from '../../model/container-outputs.js';
import { CONTAINER_BUILT_IN_OUTPUTS } from '../../model/resource-types.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { entries, type DataCheck } from './context.js';
import { reportInScalar } from './references.js';

const CONTAINER_SETTINGS = ['image', 'port', 'environment', 'volume', 'user', 'outputs'] as const;

/** A container setting elsewhere would be ignored without a word; a container needs image and port. */
export const checkContainerSettings: DataCheck = (ctx) => {
  for (const [name, resource] of entries(ctx.data.resources)) {
    const path = ['resources', name];
    if (resource.type !== 'container') {
      for (const key of CONTAINER_SETTINGS.filter((k) => resource[k] !== undefined)) {
        ctx.report({ path: [...path, key], atKey: true, code: 'container-only-setting', message: `\`${key}\` is a setting of container resources, and \`${name}\` is a ${resource.type} resource`, hint: `remove \`${key}\`, or make \`${name}\` \`type: container\`` });
      }
      continue;
    }
    const versions: [unknown, (string | number)[]][] = [[resource.version, path], ...entries(resource.environments).map(([env, o]): [unknown, (string | number)[]] => [o.version, [...path, 'environments', env]])];
    for (const [version, at] of versions.filter(([v]) => v !== undefined)) {
      ctx.report({ path: [...at, 'version'], atKey: true, code: 'container-only-setting', message: `\`version\` has no meaning for the container resource \`${name}\`: its image names the version`, hint: `remove \`version\`, and put the tag in \`image\` (\`${resource.image ?? 'image'}\`)` });
    }
    if (resource.database !== undefined) {
      ctx.report({ path: [...path, 'database'], atKey: true, code: 'container-only-setting', message: `\`database\` has no meaning for the container resource \`${name}\`: stackc knows nothing of what its image serves`, hint: 'remove `database`; a value services need is an output (`outputs: { index: "products" }`)' });
    }
    for (const key of ['image', 'port'] as const) {
      if (resource[key] !== undefined) continue;
      ctx.report({ path, atKey: true, code: 'missing-container-setting', message: `the container resource \`${name}\` has no \`${key}\``, hint: key === 'image' ? 'add `image:`, the image to run with its tag (`docker.elastic.co/elasticsearch/elasticsearch:8.15.0`)' : 'add `port:`, the TCP port services connect to (`9200`)' });
    }
  }
};

/** Output names other than `host` and `port`, templates of `${host}` and `${port}` alone, and variables that read a declared secret output. */
export const checkContainerOutputs: DataCheck = (ctx) => {
  for (const [name, resource] of entries(ctx.data.resources)) {
    const secrets = entries(resource.outputs).filter(([, o]) => typeof o === 'object').map(([o]) => o);
    for (const [variable, value] of entries(resource.environment)) {
      if (typeof value !== 'object' || secrets.includes(value.secret)) continue;
      ctx.report({
        path: ['resources', name, 'environment', variable, 'secret'],
        code: 'unknown-secret-output',
        message: `\`${variable}\` of \`${name}\` reads the secret output \`${value.secret}\`, which \`${name}\` does not declare as \`{ secret: true }\``,
        hint: didYouMean(value.secret, secrets) ?? `declare it: \`outputs: { ${value.secret}: { secret: true } }\``,
      });
    }
    for (const [output, value] of entries(resource.outputs)) {
      const at = ['resources', name, 'outputs', output];
      if ((CONTAINER_BUILT_IN_OUTPUTS as readonly string[]).includes(output)) {
        ctx.report({ path: at, atKey: true, code: 'reserved-output-name', message: `\`${output}\` is an output every container resource has: \`\${resources.${name}.${output}}\` is its ${output} where it runs`, hint: `remove \`${output}\` from \`outputs\`, or give this output another name` });
      }
      if (typeof value !== 'string') continue;
      for (const unknown of parseOutputTemplate(value).unknown) {
        reportInScalar(ctx, at, unknown.text, {
          code: 'unknown-output-variable',
          message: `\`${unknown.text}\` in the output \`${output}\` of \`${name}\`: an output template knows only ${OUTPUT_VARIABLES.map((v) => `\`\${${v}}\``).join(' and ')}`,
          hint: unknown.name.startsWith('resources.') || unknown.name.startsWith('services.') ? 'an output cannot refer to other resources or services; write `$${` for a literal `${`' : 'use `${host}` or `${port}`, or `$${` for a literal `${`; a credential is an output of its own: `{ secret: true }`',
        });
      }
    }
  }
};
