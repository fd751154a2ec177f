import { posix } from 'node:path';

/**
 * Why an artifact path is unsafe, or `undefined`: it must be relative, `/`-separated, normalized,
 * inside the output root, and free of characters that mean trouble on some file system.
 */
export function artifactPathProblem(path: string): string | undefined {
  if (path === '' || path.endsWith('/')) return 'is empty or a directory';
  if (path.includes('\\')) return 'uses `\\`; artifact paths are `/`-separated';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  if (posix.normalize(path) !== path || path.startsWith('./')) return 'is not normalized';
  if (path === '..' || path.startsWith('../')) return 'leaves the output directory';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f<>:"|?*]/.test(path)) return 'contains a character that is not portable';
  if (path.split('/').includes('.stackc')) return 'is inside .stackc/, which holds stackc\'s manifest';
  return undefined;
}
