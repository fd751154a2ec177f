// Ctrl-C (SIGINT), a cancelled CI job (SIGTERM) or a closed terminal (SIGHUP) during `stackc build`.
// Without a handler Node dies at once, wherever it is: halfway through renaming files into place.
// With one, the signal is handled between two steps of the event loop, and the writer's work
// (lock, journal, staging, renames, manifest, prunes) is one synchronous step: so the build stops
// either before it writes (nothing written) or after (every file and the manifest in place),
// never in between. What a harder kill (SIGKILL) leaves, the journal lets the next build clean up.
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The shell's convention: 128 + the signal's number (130 for SIGINT, 143 for SIGTERM). */
export const signalExitCode = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0);

/**
 * Stops the process on SIGINT, SIGTERM or SIGHUP with the signal's exit code, after saying what
 * was written (`state()`: what the build has done by then). Returns the function that removes the
 * handlers.
 */
export function stopCleanlyOnSignals(state: () => string, report: (line: string) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    report(`stackc build: interrupted (${signal}); ${state()}`);
    process.exit(signalExitCode(signal));
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}
