// The reliability rules, in the order `stackc rules` lists them.
// `no-port-conflicts` is not here on purpose: loading already rejects two services publishing one
// host port in an environment (src/load/checks/ports.ts, `host-port-clash`), so a stack that
// reaches lint cannot have the problem.
import type { AnyRule } from '../rule.js';
import dependsOnHealthy from '../rules/depends-on-healthy.js';
import healthcheckRequired from '../rules/healthcheck-required.js';
import healthcheckValid from '../rules/healthcheck-valid.js';
import jobConcurrency from '../rules/job-concurrency.js';
import jobTimeout from '../rules/job-timeout.js';
import noDuplicateEnv from '../rules/no-duplicate-env.js';
import productionReplicas from '../rules/production-replicas.js';
import resourceLimits from '../rules/resource-limits.js';
import restartPolicy from '../rules/restart-policy.js';
import statefulStorage from '../rules/stateful-storage.js';

export const RELIABILITY_RULES: readonly AnyRule[] = [
  healthcheckRequired,
  healthcheckValid,
  resourceLimits,
  productionReplicas,
  dependsOnHealthy,
  restartPolicy,
  noDuplicateEnv,
  statefulStorage,
  jobTimeout,
  jobConcurrency,
];
