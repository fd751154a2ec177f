// The directory a static site's platform publishes as it is, file for file. A site without a build
// is served from its root (or from `static.output` below it, a directory committed ready to serve):
// Vercel's "Other" preset serves the Root Directory, Railpack's static-file provider serves the
// directory with Caddy's file_server. A site that builds is served from what its build writes, so
// files stackc writes into its root are not published. Targets that write files into a site's
// directory read this fact to keep them out of what the world can download (docs/decisions.md).
import { posix } from 'node:path';
import type { StaticSite } from '../model/stack.js';

/**
 * Whether the site is published without a build step: no `static.build`, and no framework other
 * than `static` (a framework preset runs its own default build when none is named).
 */
const servedAsIs = (site: StaticSite): boolean => site.build === undefined && (site.framework === undefined || site.framework === 'static');

/**
 * The stack-relative directory whose every file the world can download (`site`, `site/public`), or
 * `undefined` when the site builds (or the service is no static site).
 */
export function servedRoot(site: StaticSite | undefined): string | undefined {
  if (!site || !servedAsIs(site)) return undefined;
  return posix.normalize(site.output ? posix.join(site.root, site.output) : site.root);
}

/** Whether a stack-relative directory is the served root or lies below it: its files are published. */
export function isServed(directory: string, root: string | undefined): boolean {
  if (root === undefined) return false;
  const dir = posix.normalize(directory);
  return root === '.' || dir === root || dir.startsWith(`${root}/`);
}
