// The bundle's entry (dist/stackc.cjs, one CommonJS file: bin/stackc.cjs runs it with a V8 code
// cache, docs/performance.md). Everything behind these two functions loads when they are called:
// the command line (commander and the command table) for runCli, the library for loadLibrary.
import { endQuietlyOnClosedPipe } from './closed-pipe.js';

/** Runs `stackc <argv>` and resolves to its exit code. */
export async function runCli(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  return (await import('./main.js')).main(argv);
}

/** The library's exports (src/index.ts), for dist/index.js, the ES module `import 'stackc'` reads. */
export const loadLibrary = (): Promise<typeof import('../index.js')> => import('../index.js');
