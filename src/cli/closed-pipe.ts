// `stackc lint | head`: the reader stops early and the next write to the pipe fails with EPIPE,
// which Node raises as an unhandled 'error' event (a stack trace on stderr, exit 1). A CLI meets
// this as the end of its audience, not as a failure: what is left to print is dropped, the command
// finishes and exits with the code its result gives (so `set -o pipefail` still sees findings).

/** Drops writes to `stream` once its reader has gone; any other stream error is still raised. */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}
