// One list of floating tags, for lint (image-tag-pinned, base-image-pinned) and diff (mutable-image).
import { describe, expect, it } from 'vitest';
import { FLOATING_TAGS, floatingTag, IMPLICIT_TAG, isFloatingTag } from '../../src/vocabulary/floating-tags.js';
import { parseImageReference } from '../../src/vocabulary/image-reference.js';

const floating = (image: string, tags?: readonly string[]) => floatingTag(parseImageReference(image), tags);

describe('floating tags', () => {
  it('counts no tag as `latest`, and variant suffixes of a floating word, but not branch-plus-commit tags', () => {
    expect(floating('nginx')).toBe(IMPLICIT_TAG);
    expect(floating('registry.internal:5000/tools/migrate')).toBe('latest');
    expect(floating('node:lts-alpine')).toBe('lts-alpine');
    expect(floating('nginx:stable-bookworm-slim')).toBe('stable-bookworm-slim');
    expect(floating('ghcr.io/acme/api:main-3f2a9c1')).toBeUndefined();
    expect(floating('ghcr.io/acme/api:Latest')).toBe('Latest');
    expect(floating('ghcr.io/acme/api:1.4.2')).toBeUndefined();
    expect(floating(`nginx:latest@sha256:${'a'.repeat(64)}`)).toBeUndefined(); // the digest is what is pulled
  });

  it('holds the tags lint and diff used to list apart', () => {
    for (const tag of ['latest', 'stable', 'edge', 'test', 'nightly', 'dev', 'develop', 'beta', 'canary', 'lts', 'current', 'main', 'master', 'head']) expect(isFloatingTag(tag), tag).toBe(true);
    expect(FLOATING_TAGS[0]).toBe(IMPLICIT_TAG);
  });

  it('takes another list', () => {
    expect(floating('node:lts', [IMPLICIT_TAG])).toBeUndefined();
    expect(floating('node', [])).toBe('latest'); // no tag is `latest` whatever the list
    expect(floating('app:release', ['release'])).toBe('release');
  });
});
