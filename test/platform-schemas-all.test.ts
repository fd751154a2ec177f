// Every file stackc writes for every fixture, built for every target and environment, against the
// platforms' own published schemas (test/schemas, SOURCES.md) with the validators the property
// tests use on generated stacks (test/property/artifact-checks.ts): the Compose specification,
// the Kubernetes kinds and kustomization.yaml, SchemaStore's fly.toml and workflow schemas, the
// schema of Railway's config-as-code reference, the Vercel CLI's own; env files are NAME=value.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformSchemas } from '../src/emit/patches/schema-check.js';
import { artifactProblems, kindOf } from './property/artifact-checks.js';
import { buildAll, STACK_FIXTURES } from './support/build-all.js';

describe('what stackc writes validates against the platforms\' schemas', () => {
  // As `stackc build` does when a stack has patches: a patch that breaks a schema is an error, and
  // that target's files are never written (fixtures *-patch-breaks-schema).
  beforeAll(loadPlatformSchemas);

  it(`every fixture (${STACK_FIXTURES.length}), built for every target and environment`, () => {
    const checked = new Map<string, number>();
    for (const dir of STACK_FIXTURES) {
      const built = buildAll(dir);
      if (!built) continue;
      for (const file of built.artifacts) {
        const kind = kindOf(file);
        if (kind === 'text') continue;
        checked.set(kind, (checked.get(kind) ?? 0) + 1);
        expect(artifactProblems(file), `${dir}: ${file.path}`).toEqual([]);
      }
    }
    // Every kind of file was reached (a path rule that stops matching would check nothing).
    for (const kind of ['compose', 'kustomization', 'kubernetes', 'fly', 'railway', 'vercel', 'workflow', 'env-file']) expect(checked.get(kind) ?? 0, kind).toBeGreaterThan(10);
  }, 180_000);
});
