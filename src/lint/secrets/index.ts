// Secret detection shared by the secrets rules (and any rule that needs to know what a secret is).
export { isSecretName, isClientPublicName, isUserName, nameWords } from './names.js';
export { classifySecretValue, envText, literalValue, isPlaceholder, isSecretManagerReference, isPath, isSetting, isWeakValue, hasUrlCredentials, secretField, type ValueKind, type EnvText } from './values.js';
export { SECRET_PATTERNS, scanSecrets, isTestPath, type SecretPattern, type SecretMatch } from './patterns.js';
export { shannonEntropy, looksFabricated } from './entropy.js';
export { findUrlCredentials, isLocalHost, type UrlCredentials } from './urls.js';
export { secretFileKind, isScannable, type SecretFileKind } from './files.js';
export { instructionVars, runStageVars, type DockerfileVar } from './dockerfile-vars.js';
export { stackText, stackFileName, stackHostNames, companionUser, fieldPath } from './project.js';
