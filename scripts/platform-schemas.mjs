#!/usr/bin/env node
// The platforms' schemas stackc ships, to check the files a patch touched at build time
// (src/emit/patches/platform-schemas.ts): pruned copies of the ones in test/schemas (SOURCES.md),
// only what validating needs. Annotations (descriptions, examples, defaults, editor hints) are
// dropped; the Kubernetes kinds stackc writes go into one file whose subschemas repeated across
// kinds (ObjectMeta, PodSpec, Container...) are stored once under `definitions`, since the
// expanded copies in test/schemas repeat them in every kind (3.1 MB → well under 10 %).
// `node scripts/platform-schemas.mjs` writes them; test/patches/platform-schema-copies.test.ts
// holds the shipped copies equal to what this script makes of test/schemas.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
export const OUT_DIR = `${root}src/emit/patches/schemas/`;
const read = (path) => JSON.parse(readFileSync(`${root}test/schemas/${path}`, 'utf8'));

/** The kinds stackc writes (`apiVersion/kind`) and their schema in test/schemas/kubernetes. */
export const KUBERNETES_KINDS = {
  'v1/ConfigMap': 'configmap-v1.json',
  'batch/v1/CronJob': 'cronjob-batch-v1.json',
  'apps/v1/Deployment': 'deployment-apps-v1.json',
  'autoscaling/v2/HorizontalPodAutoscaler': 'horizontalpodautoscaler-autoscaling-v2.json',
  'networking.k8s.io/v1/Ingress': 'ingress-networking-v1.json',
  'batch/v1/Job': 'job-batch-v1.json',
  'v1/Namespace': 'namespace-v1.json',
  'networking.k8s.io/v1/NetworkPolicy': 'networkpolicy-networking-v1.json',
  'v1/PersistentVolumeClaim': 'persistentvolumeclaim-v1.json',
  'rbac.authorization.k8s.io/v1/Role': 'role-rbac-v1.json',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'rolebinding-rbac-v1.json',
  'policy/v1/PodDisruptionBudget': 'poddisruptionbudget-policy-v1.json',
  'v1/Secret': 'secret-v1.json',
  'v1/Service': 'service-v1.json',
  'v1/ServiceAccount': 'serviceaccount-v1.json',
  'apps/v1/StatefulSet': 'statefulset-apps-v1.json',
};

/**
 * Every top-level key of vercel.json, from @vercel/config's VercelConfig (generated from Vercel's
 * official schema; test/targets/vercel.test.ts holds the two lists equal at compile time).
 */
export const VERCEL_KEYS = [
  'alias', 'build', 'builds', 'cleanUrls', 'env', 'passiveRegions', 'functionFailoverRegions', 'functions', 'git', 'github',
  'headers', 'images', 'name', 'redirects', 'bulkRedirectsPath', 'regions', 'rewrites', 'routes', 'scope', 'trailingSlash',
  'version', 'wildcard', 'buildCommand', 'ignoreCommand', 'devCommand', 'framework', 'installCommand', 'outputDirectory', 'crons',
  'schedules', 'relatedProjects', 'fluid', 'bunVersion', 'experimentalServices', 'experimentalServiceGroups',
];

// Keywords that hold a schema, a list of schemas, or a map of names to schemas.
const ONE = new Set(['items', 'additionalItems', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems']);
const MANY = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const NAMED = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);
// Annotations: what editors show, never what validates.
const ANNOTATION = /^(description|markdownDescription|title|examples|default|defaultValue|deprecated|readOnly|writeOnly|\$comment|\$schema|\$id|links|enumValues|x-.*)$/;

/** A schema without its annotations (schema-aware: a property named `description` stays). */
export function stripAnnotations(schema) {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATION.test(key)) continue;
    if (ONE.has(key)) out[key] = Array.isArray(value) ? value.map(stripAnnotations) : stripAnnotations(value);
    else if (MANY.has(key)) out[key] = value.map(stripAnnotations);
    else if (NAMED.has(key)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripAnnotations(v)]));
    else out[key] = value;
  }
  return out;
}

const canonical = (v) => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

/**
 * The schemas of `roots` with every subschema that occurs more than once (and is worth a `$ref`)
 * stored once under `definitions`, named by a hash of its content (deterministic).
 */
export function shareRepeated(roots) {
  const counts = new Map();
  const count = (schema) => {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
    const key = canonical(schema);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if ((counts.get(key) ?? 0) > 1) return; // its children are counted once per distinct schema
    eachChild(schema, count);
  };
  Object.values(roots).forEach(count);
  const definitions = {};
  const share = (schema) => {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
    const key = canonical(schema);
    const out = mapChildren(schema, share);
    if ((counts.get(key) ?? 0) < 2 || key.length < 200) return out;
    const name = createHash('sha256').update(key).digest('hex').slice(0, 12);
    definitions[name] ??= out;
    return { $ref: `#/definitions/${name}` };
  };
  const shared = Object.fromEntries(Object.entries(roots).map(([k, v]) => [k, mapChildren(v, share)]));
  return { roots: shared, definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

function eachChild(schema, visit) {
  for (const [key, value] of Object.entries(schema)) {
    if (ONE.has(key)) (Array.isArray(value) ? value : [value]).forEach(visit);
    else if (MANY.has(key)) value.forEach(visit);
    else if (NAMED.has(key)) Object.values(value).forEach(visit);
  }
}

function mapChildren(schema, map) {
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ONE.has(key)) out[key] = Array.isArray(value) ? value.map(map) : map(value);
    else if (MANY.has(key)) out[key] = value.map(map);
    else if (NAMED.has(key)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, map(v)]));
    else out[key] = value;
  }
  return out;
}

/** vercel.json: the sub-schemas the Vercel CLI validates with, and no key Vercel does not know. */
function vercelSchema() {
  const { buildsSchema, functionsSchema } = require('@vercel/build-utils');
  const { cleanUrlsSchema, headersSchema, redirectsSchema, rewritesSchema, routesSchema, trailingSlashSchema } = require('@vercel/routing-utils');
  const checked = { builds: buildsSchema, functions: functionsSchema, cleanUrls: cleanUrlsSchema, headers: headersSchema, redirects: redirectsSchema, rewrites: rewritesSchema, routes: routesSchema, trailingSlash: trailingSlashSchema };
  const properties = Object.fromEntries([['$schema', { type: 'string' }], ...VERCEL_KEYS.map((k) => [k, checked[k] ?? {}])]);
  return stripAnnotations({ type: 'object', additionalProperties: false, properties });
}

/** File name → pruned schema, as shipped in src/emit/patches/schemas/. */
export function prunedSchemas() {
  const kinds = Object.fromEntries(Object.entries(KUBERNETES_KINDS).map(([kind, file]) => [kind, stripAnnotations(read(`kubernetes/${file}`))]));
  const { roots, definitions } = shareRepeated(kinds);
  return {
    'kubernetes.json': { kinds: roots, definitions },
    'compose.json': stripAnnotations(read('compose-spec/compose-spec.json')),
    'fly.json': stripAnnotations(read('schemastore/fly.json')),
    'railway.json': stripAnnotations(read('railway/railway.docs-derived.schema.json')),
    'github-workflow.json': stripAnnotations(read('schemastore/github-workflow.json')),
    'vercel.json': vercelSchema(),
  };
}

/** A shipped copy's text: compact, one trailing newline. */
export const schemaText = (schema) => `${JSON.stringify(schema)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, schema] of Object.entries(prunedSchemas())) {
    writeFileSync(OUT_DIR + file, schemaText(schema));
    console.log(`wrote src/emit/patches/schemas/${file} (${schemaText(schema).length} bytes)`);
  }
}
