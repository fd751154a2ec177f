// Secret detection shared by the secrets rules (and any rule that needs to know what a secret is).
// Which names hold secrets and where a URL's password is are in src/vocabulary/, shared with diff and import.
export { classifySecretValue, envText, literalValue, isPlaceholder, isSecretManagerReference, isPath, isSetting, isWeakValue, secretField, type ValueKind, type EnvText } from '../../vocabulary/secret-values.js';
export { SECRET_PATTERNS, scanSecrets, isTestPath, type SecretPattern, type SecretMatch } from '../../vocabulary/secret-patterns.js';
export { shannonEntropy, looksFabricated } from '../../vocabulary/entropy.js';
export { isLocalHost } from './urls.js';
export { secretFileKind, isScannable, type SecretFileKind } from './files.js';
export { instructionVars, runStageVars, type DockerfileVar } from './dockerfile-vars.js';
export { stackText, stackFileName, stackHostNames, companionUser, fieldPath } from './project.js';
