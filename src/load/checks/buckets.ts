// s3 resources: `bucket`, `region` and `endpoint` belong to them alone, and every bucket a stack
// names — written, or the default `<stack>-<resource>` — keeps S3's naming rules in each environment.
import { bucketNameProblem } from '../../model/bucket-name.js';
import type { DataPath } from '../../model/stack.js';
import { entries, type DataCheck, type ModelCheck } from './context.js';

const S3_SETTINGS = ['bucket', 'region', 'endpoint'] as const;
type BucketSettings = Partial<Record<(typeof S3_SETTINGS)[number], string>>;

/** A bucket setting on a resource of another type would be ignored without a word. */
export const checkS3Settings: DataCheck = (ctx) => {
  for (const [name, resource] of entries(ctx.data.resources)) {
    if (resource.type === 's3') continue;
    const places: [BucketSettings, DataPath][] = [[resource, ['resources', name]], ...entries(resource.environments).map(([env, o]): [BucketSettings, DataPath] => [o, ['resources', name, 'environments', env]])];
    for (const [at, path] of places) {
      for (const key of S3_SETTINGS.filter((k) => at[k] !== undefined)) {
        ctx.report({ path: [...path, key], atKey: true, code: 's3-only-setting', message: `\`${key}\` is a setting of s3 buckets, and \`${name}\` is a ${resource.type} resource`, hint: `remove \`${key}\`, or make \`${name}\` \`type: s3\`` });
      }
    }
  }
};

/** Each environment's bucket name, at the `bucket` that names it, or at the resource for the default. */
export const checkBucketNames: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    for (const resource of view.resources) {
      const bucket = resource.s3?.bucket;
      const problem = bucket === undefined ? undefined : bucketNameProblem(bucket);
      if (!problem) continue;
      const written = resource.origins.bucket;
      ctx.report({
        path: written ?? resource.path,
        atKey: written === undefined,
        code: 'invalid-bucket-name',
        message: written ? `the bucket name \`${bucket}\` ${problem}` : `\`${resource.name}\`'s default bucket name \`${bucket}\` (\`<stack>-<resource>\`) ${problem}`,
        hint: written ? 'S3 bucket names: 3–63 lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit' : `name the bucket with \`bucket:\` under \`${resource.name}\``,
      });
    }
  }
};
