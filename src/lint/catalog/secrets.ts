// The secrets rules, in the order `stackc rules` lists them.
import type { Rule } from '../rule.js';

export const SECRETS_RULES: readonly Rule[] = [];
