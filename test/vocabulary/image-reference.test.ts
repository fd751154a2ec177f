// One reader of image references (distribution/reference grammar) for lint, diff, import and targets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { familiarImage, IMAGE_REFERENCE, imageBaseName, isImageReference, officialImage, parseImageReference, registryOf } from '../../src/vocabulary/image-reference.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('image references', () => {
  it('reads registry, repository, tag and digest apart; a registry port is not a tag', () => {
    expect(parseImageReference('nginx')).toEqual({ registry: 'docker.io', repository: 'library/nginx', name: 'nginx' });
    expect(parseImageReference('registry.internal:5000/tools/migrate')).toEqual({ registry: 'registry.internal:5000', repository: 'tools/migrate', name: 'registry.internal:5000/tools/migrate' });
    expect(parseImageReference('registry.internal:5000/tools/migrate:2.1')).toMatchObject({ name: 'registry.internal:5000/tools/migrate', tag: '2.1' });
    expect(parseImageReference(`nginx:1.27@${DIGEST}`)).toEqual({ registry: 'docker.io', repository: 'library/nginx', name: 'nginx', tag: '1.27', digest: DIGEST });
    expect(parseImageReference('ghcr.io/acme/api:1.4.2')).toEqual({ registry: 'ghcr.io', repository: 'acme/api', name: 'ghcr.io/acme/api', tag: '1.4.2' });
  });

  it('takes the first component for a host only when it looks like one', () => {
    expect(registryOf('acme/api')).toBe('docker.io');
    expect(parseImageReference('acme/api').repository).toBe('acme/api');
    expect(registryOf('localhost/api')).toBe('localhost');
    expect(registryOf('localhost:5000/api')).toBe('localhost:5000');
    expect(registryOf('Registry/api')).toBe('Registry');
    expect(registryOf('ghcr.io/${{ github.repository_owner }}/shop-api')).toBe('ghcr.io');
    expect(registryOf('index.docker.io/library/redis')).toBe('docker.io');
  });

  it('names official images and the familiar form', () => {
    expect(officialImage(parseImageReference('postgres:16'))).toBe('postgres');
    expect(officialImage(parseImageReference('docker.io/library/postgres'))).toBe('postgres');
    expect(officialImage(parseImageReference('bitnami/postgresql'))).toBeUndefined();
    expect(officialImage(parseImageReference('ghcr.io/library/postgres'))).toBeUndefined();
    expect(familiarImage('docker.io/library/postgres:16')).toBe('postgres:16');
    expect(familiarImage('index.docker.io/bitnami/redis:7')).toBe('bitnami/redis:7');
    expect(familiarImage('library/mongo:7')).toBe('mongo:7');
    expect(familiarImage(`ghcr.io/acme/api@${DIGEST}`)).toBe(`ghcr.io/acme/api@${DIGEST}`);
    expect(imageBaseName(parseImageReference(`registry.local:5000/library/mongo:7.0@${DIGEST}`))).toBe('mongo');
  });

  it('judges references by the grammar stack.yaml\'s schema uses', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schema/stack.schema.json', import.meta.url), 'utf8')) as { $defs: { imageRef: { pattern: string } } };
    expect(IMAGE_REFERENCE.source).toBe(new RegExp(schema.$defs.imageRef.pattern).source);
    expect(['nginx', 'nginx:1.27-alpine', 'ghcr.io/acme/shop-api', `registry.internal:5000/a/b_c:1@${DIGEST}`].every(isImageReference)).toBe(true);
    expect(['Nginx:latest', 'nginx:', 'ghcr.io/acme/', 'a b', 'nginx@sha256:abc'].some(isImageReference)).toBe(false);
  });
});
