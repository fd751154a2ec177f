// Tags that name a moving target rather than a release: what lint's image-tag-pinned and
// base-image-pinned report, and what diff flags an image moving to.
import type { ImageReference } from './image-reference.js';

/** The tag an image without one is pulled as. */
export const IMPLICIT_TAG = 'latest';

/** dclint's list, plus the branch-like tags diff flagged (`develop`, `head`, `current`: node's newest major). */
export const FLOATING_TAGS: readonly string[] = [IMPLICIT_TAG, 'stable', 'edge', 'test', 'nightly', 'dev', 'develop', 'beta', 'canary', 'lts', 'current', 'main', 'master', 'head'];

/**
 * Whether a tag is one of `tags`, or one followed only by variant words (`lts-alpine`,
 * `stable-slim`), but not when a version or commit follows (`main-3f2a9c1`). Case-insensitive.
 */
export function isFloatingTag(tag: string, tags: readonly string[] = FLOATING_TAGS): boolean {
  const t = tag.toLowerCase();
  return tags.some((word) => {
    const w = word.toLowerCase();
    return t === w || (t.startsWith(`${w}-`) && !/[0-9]/.test(t.slice(w.length + 1)));
  });
}

/**
 * The floating tag an image is pulled by (`latest` when it has none), or `undefined` when it is
 * pinned to a version or a digest (the digest is what is pulled, whatever the tag says).
 */
export function floatingTag(ref: ImageReference, tags: readonly string[] = FLOATING_TAGS): string | undefined {
  if (ref.digest) return undefined;
  if (ref.tag === undefined) return IMPLICIT_TAG;
  return isFloatingTag(ref.tag, tags) ? ref.tag : undefined;
}
