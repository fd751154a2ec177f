import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The CLI runs in tests as users run it, with its code cache (bin/stackc.cjs), in a directory of the
// run's own rather than the developer's ~/.cache; test/global-setup.ts removes it at the end.
process.env.STACKC_CACHE_DIR ??= join(tmpdir(), `stackc-test-cache-${process.pid}`);

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // The CLI tests run the bundled CLI exactly as users do; build it once per run.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
