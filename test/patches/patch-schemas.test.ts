// A patch that makes a generated file invalid for its platform's schema stops the build at the
// patch's line (issue 21): for every target, through `build` as the CLI runs it, with the schema's
// complaint in words (where in the generated file, what is wrong) and nothing written.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { loadStack } from '../../src/api/load.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { runCli, tempDir } from '../helpers.js';

/** Builds `yaml` (a stack.yaml body) in a fresh project; the diagnostics that are errors. */
async function buildErrors(yaml: string): Promise<{ ok: boolean; errors: Diagnostic[] }> {
  const dir = tempDir();
  mkdirSync(join(dir, 'web'));
  const text = `stack: 1\nname: shop\n${yaml}`;
  writeFileSync(join(dir, 'stack.yaml'), text);
  const loaded = loadStack(join(dir, 'stack.yaml'), { cwd: dir });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const result = await build(loaded, { cwd: dir });
  return { ok: result.ok, errors: result.diagnostics.filter((d) => d.severity === 'error') };
}

const API = `environments:
  production: { branch: main, domain: shop.example }
services:
  api:
    image: quay.io/acme/api:1.0.0
    ports: [8000]
    public: true
    user: "1000:1000"
`;

describe('a patch the platform schema refuses is an error at the patch', () => {
  it('Kubernetes: a key Deployment does not have, at its line in the patch, with the nearest key', async () => {
    const { ok, errors } = await buildErrors(`${API}targets:
  kubernetes:
    patches:
      - target: { kind: Deployment, name: api }
        patch:
          spec:
            template:
              spec:
                containers:
                  - name: api
                    resourcez: { limits: { memory: 1Gi } }
`);
    expect(ok).toBe(false);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'kubernetes/patch-failed',
        message: "targets.kubernetes.patches[0] makes Deployment/api invalid: `spec.template.spec.containers[0].resourcez` is not a setting Kubernetes' schema for Deployment knows in `spec.template.spec.containers[0]`",
        hint: 'did you mean `resources`?',
        at: expect.objectContaining({ line: 21, col: 21 }),
      }),
    ]);
  });

  it('Kubernetes: a value of the wrong type where stackc writes nothing (a JSON Patch, at the patch)', async () => {
    const { errors } = await buildErrors(`${API}targets:
  kubernetes:
    patches:
      - target: { kind: Deployment, name: api }
        patch:
          - { op: add, path: /spec/progressDeadlineSeconds, value: "ten minutes" }
`);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'kubernetes/patch-failed',
        message: 'targets.kubernetes.patches[0] makes Deployment/api invalid: `spec.progressDeadlineSeconds` is text ("ten minutes") where Kubernetes\' schema for Deployment wants a whole number',
        hint: 'write a whole number there (see the generated file)',
        at: expect.objectContaining({ line: 14, col: 9 }),
      }),
    ]);
  });

  it('Compose: a service setting of the wrong type, at its key', async () => {
    const { errors } = await buildErrors(`${API}targets:
  compose:
    patches:
      - service: api
        patch: { stop_grace_period: 30 }
`);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'compose/patch-failed',
        message: "targets.compose.patches[0] makes compose.yaml invalid: `services.api.stop_grace_period` is the number 30 where the Compose specification's schema wants text",
        at: expect.objectContaining({ line: 15, col: 18 }),
      }),
    ]);
  });

  it('Compose: an unknown key in a service (the schema is closed)', async () => {
    const { errors } = await buildErrors(`${API}targets:
  compose:
    patches:
      - patch:
          services:
            api: { restart_policy: always }
`);
    expect(errors).toEqual([expect.objectContaining({ code: 'compose/patch-failed', message: expect.stringContaining('`services.api.restart_policy` is not a setting'), at: expect.objectContaining({ line: 16, col: 20 }) })]);
  });

  it('fly.toml: a wrong type where stackc writes nothing', async () => {
    const { errors } = await buildErrors(`${API}targets:
  fly:
    region: fra
    patches:
      - patch: { swap_size_mb: 512MB }
`);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'fly/patch-failed', message: 'targets.fly.patches[0] makes fly.toml invalid: `swap_size_mb` is text ("512MB") where fly.toml\'s schema wants a whole number', hint: 'write a whole number there (see the generated file)', at: expect.objectContaining({ line: 15, col: 18 }) }),
    ]);
  });

  it('fly.toml: a list item missing what the schema requires', async () => {
    const { errors } = await buildErrors(`${API}targets:
  fly:
    region: fra
    patches:
      - patch: { statics: [{ guest_path: /app/public }] }
`);
    expect(errors).toEqual([expect.objectContaining({ code: 'fly/patch-failed', message: "targets.fly.patches[0] makes fly.toml invalid: `statics[0]` lacks `url_prefix`, which fly.toml's schema requires" })]);
  });

  it('railway.json: a setting Railway does not know', async () => {
    const { errors } = await buildErrors(`services:
  web: { build: web, ports: [3000], public: true }
targets:
  railway:
    patches:
      - service: web
        patch: { deploy: { numReplica: 2 } }
`);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'railway/patch-failed', message: expect.stringContaining('`deploy.numReplica` is not a setting railway.json\'s schema knows in `deploy`'), hint: 'did you mean `numReplicas`?' }),
    ]);
  });

  it('vercel.json: a top-level key Vercel does not know', async () => {
    const { errors } = await buildErrors(`services:
  web:
    static: { root: ./web, framework: vite, build: npm run build }
targets:
  vercel:
    patches:
      - patch: { redirect: [{ source: /a, destination: /b }] }
`);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'vercel/patch-failed', message: "targets.vercel.patches[0] makes web/vercel.json invalid: `redirect` is not a setting vercel.json's schema knows", hint: 'did you mean `redirects`?', at: expect.objectContaining({ line: 9, col: 18 }) }),
    ]);
  });

  it('GitHub Actions: a `uses:` step given a shell', async () => {
    const { errors } = await buildErrors(`${API}ci:
  steps: { tests: npm test }
targets:
  github-actions:
    patches:
      - job: test
        steps:
          - { uses: acme/setup@9f2c4d1e7a3b5c6d8e0f1a2b3c4d5e6f7a8b9c0d, shell: bash }
`);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'github-actions/patch-failed', message: expect.stringMatching(/^targets\.github-actions\.patches\[0\] makes \.github\/workflows\/ci\.yml invalid: `jobs\.test\.steps\[\d+\]` has `shell` without `run`/) }),
    ]);
  });

  it('a valid patch still builds; the CLI exits 2 at the line and writes nothing for an invalid one', async () => {
    expect((await buildErrors(`${API}targets:\n  compose:\n    patches:\n      - service: api\n        patch: { stop_grace_period: 30s }\n`)).ok).toBe(true);
    const dir = tempDir();
    writeFileSync(join(dir, 'stack.yaml'), `stack: 1\nname: shop\n${API}targets:\n  compose:\n    patches:\n      - service: api\n        patch: { stop_grace_period: 30 }\n`);
    const run = runCli(['build'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('stack.yaml:15:18: error: targets.compose.patches[0] makes compose.yaml invalid');
    expect(run.stderr).toContain('> 15 |         patch: { stop_grace_period: 30 }');
    expect(readdirSync(dir)).toEqual(['stack.yaml']);
  });
});
