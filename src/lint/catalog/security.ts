// The security rules, in the order `stackc rules` lists them.
import type { AnyRule } from '../rule.js';
import noHostAccess from '../rules/no-host-access.js';
import noPrivileged from '../rules/no-privileged.js';
import nonRootUser from '../rules/non-root-user.js';
import privilegedPort from '../rules/privileged-port.js';
import readOnlyRootFs from '../rules/read-only-root-fs.js';
import sensitivePort from '../rules/sensitive-port.js';
import tlsRequired from '../rules/tls-required.js';

export const SECURITY_RULES: readonly AnyRule[] = [nonRootUser, noPrivileged, noHostAccess, sensitivePort, privilegedPort, tlsRequired, readOnlyRootFs];
