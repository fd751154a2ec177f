// The security rules, in the order `stackc rules` lists them.
import type { Rule } from '../rule.js';

export const SECURITY_RULES: readonly Rule[] = [];
