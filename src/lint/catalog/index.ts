// Every built-in rule. Each area's list lives in its own file, one rule per module in src/lint/rules/.
import type { AnyRule } from '../rule.js';
import suppressionReason from '../rules/suppression-reason.js';
import unusedSuppression from '../rules/unused-suppression.js';
import { RELIABILITY_RULES } from './reliability.js';
import { SECRETS_RULES } from './secrets.js';
import { SECURITY_RULES } from './security.js';
import { SUPPLY_CHAIN_RULES } from './supply-chain.js';

export const RULES: readonly AnyRule[] = [...SECURITY_RULES, ...SECRETS_RULES, ...RELIABILITY_RULES, ...SUPPLY_CHAIN_RULES, unusedSuppression, suppressionReason];

export const ruleById = (id: string): AnyRule | undefined => RULES.find((r) => r.meta.id === id);
