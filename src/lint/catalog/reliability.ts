// The reliability rules, in the order `stackc rules` lists them.
import type { Rule } from '../rule.js';
import resourceLimits from '../rules/resource-limits.js';

export const RELIABILITY_RULES: readonly Rule[] = [resourceLimits];
