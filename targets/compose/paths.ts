// Where the files land. Compose resolves relative paths from the compose file's directory, the
// output root, so paths from stack.yaml are rebased with src/emit/paths.ts `relativePath`.
import type { DeployedEnvironment } from '../../src/deploy/model.js';

export interface FileNames {
  /** `compose.yaml` for the default environment, `compose.<env>.yaml` for the others. */
  compose: string;
  /** Where the user keeps the values: `.env` (read by Compose without flags) or `.env.<env>`. */
  envFile: string;
  /** The generated template of `envFile`: `.env.example` or `.env.<env>.example`. */
  example: string;
  isDefault: boolean;
}

export function fileNames(environment: Pick<DeployedEnvironment, 'name' | 'isDefault'>): FileNames {
  const { name, isDefault } = environment;
  return isDefault
    ? { compose: 'compose.yaml', envFile: '.env', example: '.env.example', isDefault }
    : { compose: `compose.${name}.yaml`, envFile: `.env.${name}`, example: `.env.${name}.example`, isDefault };
}
