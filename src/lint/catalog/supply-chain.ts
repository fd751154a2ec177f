// The supply-chain rules, in the order `stackc rules` lists them.
import type { Rule } from '../rule.js';

export const SUPPLY_CHAIN_RULES: readonly Rule[] = [];
