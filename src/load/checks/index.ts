import { checkBucketNames, checkS3Settings } from './buckets.js';
import { checkContainerOutputs, checkContainerSettings } from './containers.js';
import { checkDeployedBy } from './deployed-by.js';
import { checkDependencyGraph, checkDependencyNames } from './dependencies.js';
import { checkShellVariableNames } from './env-names.js';
import { checkEnvironmentBranches } from './environments.js';
import { checkFilePaths, checkFilesOnStaticSites } from './files.js';
import { checkJobNames, checkJobSettings } from './jobs.js';
import { checkNameClashes, checkOverrideEnvironments, checkTargets } from './names.js';
import { checkPathsStayInProject } from './paths.js';
import { checkBindAddresses, checkHostPortClashes, checkPortSyntax } from './ports.js';
import { checkHostAndHosts, checkPublicHosts, checkPublicRedirects, checkPublicRoutes } from './public.js';
import { checkReferences, checkReferencesPerEnvironment } from './references.js';
import { checkRegistriesUsed, checkRegistryLogins } from './registries.js';
import { checkServiceKind } from './service-kind.js';
import { checkTargetNames } from './target-names.js';
import { checkHealthcheckPorts, checkPublicPorts, checkServiceValues, checkVolumeNames } from './service-values.js';
import { checkNumericEnvValues } from './yaml-scalars.js';
import type { DataCheck, ModelCheck } from './context.js';

/** Run on the schema-valid data. Normalization may assume none of them reported an error. */
export const DATA_CHECKS: readonly DataCheck[] = [
  checkServiceKind,
  checkFilesOnStaticSites,
  checkNameClashes,
  checkJobNames,
  checkOverrideEnvironments,
  checkEnvironmentBranches,
  checkTargets,
  checkDependencyNames,
  checkReferences,
  checkPathsStayInProject,
  checkPortSyntax,
  checkBindAddresses,
  checkServiceValues,
  checkJobSettings,
  checkNumericEnvValues,
  checkRegistryLogins,
  checkHostAndHosts,
  checkS3Settings,
  checkContainerSettings,
  checkContainerOutputs,
];

/** Run on the normalized model, environment by environment. */
export const MODEL_CHECKS: readonly ModelCheck[] = [checkDependencyGraph, checkHostPortClashes, checkReferencesPerEnvironment, checkPublicPorts, checkPublicHosts, checkPublicRoutes, checkPublicRedirects, checkHealthcheckPorts, checkShellVariableNames, checkVolumeNames, checkFilePaths, checkTargetNames, checkDeployedBy, checkRegistriesUsed, checkBucketNames];
