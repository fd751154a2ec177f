import { defineRule } from '../rule.js';

// Reported by the engine itself (src/lint/engine.ts), after every other rule ran.
export default defineRule({
  meta: {
    id: 'unused-suppression',
    description: 'A `stackc-disable` comment suppresses nothing, or names a rule that does not exist.',
    category: 'lint',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: 'A suppression outlives the problem it was written for: the next real problem on that line is then hidden without anyone deciding so. Typos in rule ids suppress nothing and mislead readers.',
      fix: 'Delete the comment, or correct the rule id (`stackc rules` lists them).',
      bad: '# stackc-disable-next-line non-root-user -- runs as root for now\nuser: "1000"',
      good: 'user: "1000"',
      whenOff: 'Rarely: while several branches share a stack.yaml and suppressions are cleaned up separately.',
    },
    peers: ['ESLint --report-unused-disable-directives', 'detect-secrets audit'],
  },
  check() {},
});
