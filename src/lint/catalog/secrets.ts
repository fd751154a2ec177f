// The secrets rules, in the order `stackc rules` lists them.
import type { AnyRule } from '../rule.js';
import highEntropyLiteral from '../rules/high-entropy-literal.js';
import knownSecretPattern from '../rules/known-secret-pattern.js';
import noSecretLiteral from '../rules/no-secret-literal.js';
import noUrlCredentials from '../rules/no-url-credentials.js';
import secretFilesUntracked from '../rules/secret-files-untracked.js';
import secretReferences from '../rules/secret-references.js';
import weakCredentials from '../rules/weak-credentials.js';

export const SECRETS_RULES: readonly AnyRule[] = [noSecretLiteral, knownSecretPattern, noUrlCredentials, secretFilesUntracked, weakCredentials, secretReferences, highEntropyLiteral];
