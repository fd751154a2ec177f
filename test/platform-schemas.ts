// Validators for the platforms' own published schemas (copies in test/schemas, see SOURCES.md).
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
// @ts-expect-error -- plain ESM module, also run as a script
import { KUBERNETES_KINDS as SHIPPED_KUBERNETES_KINDS } from '../scripts/platform-schemas.mjs';

const dir = new URL('./schemas/', import.meta.url);
const load = (path: string) => JSON.parse(readFileSync(new URL(path, dir), 'utf8')) as Record<string, unknown>;

function compiler(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // Formats from OpenAPI that JSON Schema does not define; the types already constrain them.
  for (const f of ['int32', 'int64', 'double', 'float', 'byte', 'int-or-string', 'quantity']) ajv.addFormat(f, true);
  return ajv;
}

const cache = new Map<string, ValidateFunction>();
function validator(key: string, path: string): ValidateFunction {
  let v = cache.get(key);
  if (!v) {
    const schema = load(path);
    delete schema.$schema; // draft-04/07 markers; ajv validates these schemas as draft-07
    v = compiler().compile(schema);
    cache.set(key, v);
  }
  return v;
}

const format = (v: ValidateFunction) => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);

/** Problems of a Compose file against the compose-spec schema (empty when valid). */
export function composeProblems(document: unknown): string[] {
  const v = validator('compose', 'compose-spec/compose-spec.json');
  return v(document) ? [] : format(v);
}

/** Problems of a kustomization.yaml against SchemaStore's schema. */
export function kustomizationProblems(document: unknown): string[] {
  const v = validator('kustomization', 'schemastore/kustomization.json');
  return v(document) ? [] : format(v);
}

// The kinds stackc writes, shared with the pruned copies the build checks patches against.
const KUBERNETES_KINDS: Record<string, string> = SHIPPED_KUBERNETES_KINDS;

/** Problems of one Kubernetes object against the v1.30 strict schema of its kind. */
export function kubernetesProblems(document: { apiVersion?: string; kind?: string }): string[] {
  const key = `${document.apiVersion}/${document.kind}`;
  const file = KUBERNETES_KINDS[key];
  if (!file) return [`no schema for ${key} in test/schemas/kubernetes`];
  const v = validator(key, `kubernetes/${file}`);
  return v(document) ? [] : format(v);
}

/** Parses a (multi-document) YAML file strictly: any parse error fails. */
export function parseYamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => {
    if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join('\n'));
    return d.toJS();
  });
}

/** Problems of a SARIF log against the SARIF 2.1.0 schema (as GitHub code scanning expects). */
export function sarifProblems(document: unknown): string[] {
  const v = validator('sarif', 'schemastore/sarif-2.1.0.json');
  return v(document) ? [] : format(v);
}

/** Problems of a `.pre-commit-hooks.yaml` against SchemaStore's schema. */
export function preCommitHooksProblems(document: unknown): string[] {
  const v = validator('pre-commit-hooks', 'schemastore/pre-commit-hooks.json');
  return v(document) ? [] : format(v);
}

/** Problems of an `action.yml` against SchemaStore's GitHub Action metadata schema. */
export function githubActionProblems(document: unknown): string[] {
  const v = validator('github-action', 'schemastore/github-action.json');
  return v(document) ? [] : format(v);
}

/** Problems of a parsed fly.toml against SchemaStore's fly.json (a community schema that lags flyctl in places). */
export function flyProblems(document: unknown): string[] {
  const v = validator('fly', 'schemastore/fly.json');
  return v(document) ? [] : format(v);
}

/** Problems of a railway.json against the schema derived from Railway's config-as-code reference. */
export function railwayProblems(document: unknown): string[] {
  const v = validator('railway', 'railway/railway.docs-derived.schema.json');
  return v(document) ? [] : format(v);
}

/** Problems of a workflow against SchemaStore's github-workflow.json. */
export function githubWorkflowProblems(document: unknown): string[] {
  const v = validator('github-workflow', 'schemastore/github-workflow.json');
  return v(document) ? [] : format(v);
}
