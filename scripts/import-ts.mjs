// Imports TypeScript sources from a plain Node script: esbuild bundles `contents` (an ES module
// that re-exports what the script needs) into a temporary file, which is imported and removed.
// The doc generators (gen-rule-docs.mjs, gen-docs.mjs) use it to run the same code
// the CLI runs, without a TypeScript loader.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} contents e.g. `export { RULES } from './src/lint/catalog/index.ts';` (paths relative to the repository root) */
export async function importTs(contents) {
  const dir = mkdtempSync(join(tmpdir(), 'stackc-script-'));
  const outfile = join(dir, 'module.mjs');
  try {
    await build({
      absWorkingDir: root,
      stdin: { contents, resolveDir: root, loader: 'ts' },
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
      logLevel: 'warning',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
