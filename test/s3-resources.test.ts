// s3 resources (issue 20, item 5): a bucket whose settings every target reads the same way, whose
// keys are always secrets, and whose name keeps S3's rules, reported at its stack.yaml line.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BUILTIN_TARGETS } from '../src/emit/registry.js';
import { bucketNameProblem } from '../src/model/bucket-name.js';
import { resourceOutputs } from '../src/model/resource-types.js';
import { loadDiagnostics, loadOk } from './helpers.js';
import { artifactText, emitContext, emitTarget } from './targets/context.js';

const target = (name: string) => BUILTIN_TARGETS.find((t) => t.name === name)!;

const STACK = `stack: 1
name: shop
environments:
  development: {}
  production: { domain: shop.example }
services:
  api:
    image: ghcr.io/shop/api:1.4.2
    ports: [8000]
    env:
      S3_ENDPOINT: \${resources.files.endpoint}
      S3_BUCKET: \${resources.files.bucket}
      AWS_REGION: \${resources.files.region}
      AWS_ACCESS_KEY_ID: \${resources.files.access_key}
      AWS_SECRET_ACCESS_KEY: \${resources.files.secret_key}
resources:
  files:
    type: s3
    environments:
      production: { external: true, bucket: shop-uploads-prod, region: eu-west-1 }
`;

const codes = (text: string) => loadDiagnostics(text).map((d) => `${d.at?.line}:${d.at?.col} ${d.code}`);

describe('the s3 resource in the model', () => {
  it('offers endpoint, bucket, region and the two keys, and nothing else', () => {
    expect(resourceOutputs('s3')).toEqual(['endpoint', 'bucket', 'region', 'access_key', 'secret_key']);
  });

  it('names the bucket `<stack>-<resource>` in us-east-1 by default; an external one is on AWS S3 in its region unless `endpoint` says otherwise', () => {
    const stack = loadOk(STACK);
    const dev = stack.views.get('development')!.resources[0]!;
    expect(dev.image).toBe('chrislusf/seaweedfs:4.44');
    expect(dev.s3).toEqual({ bucket: 'shop-files', region: 'us-east-1' });
    expect(stack.views.get('production')!.resources[0]!.s3).toEqual({ bucket: 'shop-uploads-prod', region: 'eu-west-1', endpoint: 'https://s3.eu-west-1.amazonaws.com' });
    const tigris = loadOk(STACK.replace('region: eu-west-1 }', 'region: auto, endpoint: "https://fly.storage.tigris.dev" }'));
    expect(tigris.views.get('production')!.resources[0]!.s3?.endpoint).toBe('https://fly.storage.tigris.dev');
  });
});

describe('bucket names', () => {
  it('keeps the S3 naming rules', () => {
    for (const ok of ['shop-uploads', 'a.b-c', 'abc']) expect(bucketNameProblem(ok)).toBeUndefined();
    expect(bucketNameProblem('ab')).toMatch(/3 to 63/);
    expect(bucketNameProblem('my..bucket')).toMatch(/two adjacent periods/);
    expect(bucketNameProblem('192.168.1.1')).toMatch(/IP address/);
    expect(bucketNameProblem('xn--shop')).toMatch(/`xn--`/);
    expect(bucketNameProblem('shop-s3alias')).toMatch(/`-s3alias`/);
    expect(bucketNameProblem('Shop')).toMatch(/lowercase/);
  });

  it('reports a written name that breaks a rule at its line, and a default that does at the resource', () => {
    expect(codes(STACK.replace('type: s3\n', 'type: s3\n    bucket: my..bucket\n'))).toEqual(['19:13 invalid-bucket-name']);
    expect(codes(STACK.replace('type: s3\n', 'type: s3\n    bucket: My_Bucket\n'))).toEqual(['19:13 invalid-value']);
    const long = `${'a'.repeat(60)}`;
    const diagnostics = loadDiagnostics(STACK.replace('name: shop', `name: ${long}`));
    expect(diagnostics.map((d) => `${d.at?.line}:${d.at?.col} ${d.code}`)).toEqual(['17:3 invalid-bucket-name']);
    expect(diagnostics[0]!.message).toContain(`default bucket name \`${long}-files\``);
    expect(diagnostics[0]!.hint).toContain('`bucket:`');
  });

  it('refuses bucket settings on another type, at the key', () => {
    const stack = `stack: 1\nname: shop\nservices:\n  api: { image: nginx:1.27 }\nresources:\n  db:\n    type: postgres\n    region: eu-west-1\n    environments:\n      development: { bucket: x-y-z }\n`;
    expect(codes(stack)).toEqual(['8:5 s3-only-setting', '10:22 s3-only-setting']);
  });
});

describe('references to an s3 bucket', () => {
  it('refuses an output it does not have, with the ones it has', () => {
    const d = loadDiagnostics(STACK.replace('${resources.files.region}', '${resources.files.url}'));
    expect(d.map((x) => x.code)).toEqual(['unknown-reference']);
    expect(d[0]!.message).toContain('a s3 resource has no `url`');
  });

  it('lets an external bucket offer all of its outputs', () => {
    expect(codes(STACK)).toEqual([]);
  });

  it('Compose: the server where it runs, the keys from the env file, an external bucket as written', () => {
    const stack = loadOk(STACK);
    const files = emitTarget(target('compose'), emitContext(stack, 'compose'));
    const dev = parseYaml(artifactText(files, 'compose.yaml'));
    expect(dev.services.api.environment).toEqual({
      S3_ENDPOINT: 'http://files:8333',
      S3_BUCKET: 'shop-files',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: '${FILES_ACCESS_KEY:?set it in .env (see .env.example)}',
      AWS_SECRET_ACCESS_KEY: '${FILES_SECRET_KEY:?set it in .env (see .env.example)}',
    });
    expect(dev.services.files.image).toBe('chrislusf/seaweedfs:4.44');
    expect(dev.services.files.environment).toEqual({ AWS_ACCESS_KEY_ID: '${FILES_ACCESS_KEY:?set it in .env (see .env.example)}', AWS_SECRET_ACCESS_KEY: '${FILES_SECRET_KEY:?set it in .env (see .env.example)}', S3_BUCKET: 'shop-files' });
    expect(dev.services.files.volumes).toEqual(['files-data:/data']);
    expect(dev.services.files.healthcheck.test).toEqual(['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://127.0.0.1:8333/healthz']);
    const prod = parseYaml(artifactText(files, 'compose.production.yaml'));
    expect(prod.services.files).toBeUndefined();
    expect(prod.services.api.environment.S3_ENDPOINT).toBe('https://s3.eu-west-1.amazonaws.com');
    expect(prod.services.api.environment.S3_BUCKET).toBe('shop-uploads-prod');
  });

  it('Kubernetes: plain settings in the ConfigMap, the keys from the Secret', () => {
    const stack = loadOk(STACK);
    const files = emitTarget(target('kubernetes'), emitContext(stack, 'kubernetes'));
    const all = files.map((f) => f.content).join('\n');
    expect(all).toContain('S3_ENDPOINT: http://files:8333');
    expect(all).toContain('S3_ENDPOINT: https://s3.eu-west-1.amazonaws.com');
    expect(all).toMatch(/name: AWS_SECRET_ACCESS_KEY\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: shop-secrets\n\s+key: FILES_SECRET_KEY/);
    expect(files.some((f) => f.path === 'deploy/kubernetes/overlays/production/statefulset-files.yaml')).toBe(false);
    expect(files.some((f) => f.path === 'deploy/kubernetes/overlays/development/statefulset-files.yaml')).toBe(true);
  });

  it('Fly: what stack.yaml says is a value, where the server runs and its keys are secrets to set', () => {
    const stack = loadOk(STACK);
    const ctx = emitContext(stack, 'fly');
    const dev = artifactText(emitTarget(target('fly'), ctx), 'fly.development.toml');
    expect(dev).toContain('S3_BUCKET = "shop-files"');
    expect(dev).not.toMatch(/^\s*S3_ENDPOINT =/m);
    expect(dev).toMatch(/#\s+S3_ENDPOINT\s+S3 endpoint of the s3 bucket `files`/);
    expect(dev).toContain('fly storage create');
  });

  it('CI: a server on the runner with throwaway keys it does not check', () => {
    const stack = loadOk(`${STACK}ci:\n  services: [files]\n  steps: { test: npm test }\ntargets:\n  github-actions: {}\n`);
    const ci = parseYaml(artifactText(emitTarget(target('github-actions'), emitContext(stack, 'github-actions')), '.github/workflows/ci.yml'));
    const job = Object.values(ci.jobs as Record<string, { env?: Record<string, string>; services?: Record<string, { image: string; env: Record<string, string> }> }>).find((j) => j.services)!;
    expect(job.services!.files).toMatchObject({ image: 'chrislusf/seaweedfs:4.44', env: { S3_BUCKET: 'shop-files' } });
    expect(job.env).toMatchObject({ S3_ENDPOINT: 'http://localhost:8333', S3_BUCKET: 'shop-files', AWS_ACCESS_KEY_ID: 'ci', AWS_SECRET_ACCESS_KEY: 'ci' });
  });
});
