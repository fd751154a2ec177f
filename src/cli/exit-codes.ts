/** Exit codes, as documented in README and docs/architecture.md. */
export const EXIT = {
  ok: 0,
  /** Lint errors, `diff --exit-code` changes, `build --check` drift. */
  findings: 1,
  /** Bad input or usage: the user can fix it. */
  badInput: 2,
  /** A bug in stackc. */
  internal: 3,
} as const;
