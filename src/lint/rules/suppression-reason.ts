import { defineRule } from '../rule.js';

// Reported by the engine itself (src/lint/engine.ts), after every other rule ran.
export default defineRule({
  meta: {
    id: 'suppression-reason',
    description: 'A `stackc-disable` comment gives no reason after ` -- `.',
    category: 'lint',
    severity: 'warn',
    strict: 'error',
    scopes: ['model'],
    docs: {
      why: 'A suppression is a decision that someone will have to revisit. Without the reason, the next reader cannot tell a considered exception from a quick way to make the hook pass.',
      fix: 'Write the reason after ` -- ` on the same line.',
      bad: '# stackc-disable-next-line non-root-user\nuser: "0"',
      good: '# stackc-disable-next-line non-root-user -- the vendor image only runs as root; tracked in OPS-142\nuser: "0"',
    },
    peers: ['secretlint `-- comment`', 'Checkov `skip=ID:reason`', 'hadolint ignore pragma'],
  },
  check() {},
});
