// The Docker Compose target: one standalone compose file per environment (`compose.yaml` for the
// default one, so `docker compose up` needs no flags) and the `.env.example` listing the variables
// it reads. Secrets and passwords are never written: the files interpolate them from the env file.
import { defineTarget, type Artifact } from '../../src/emit/target.js';
import capabilities from './capabilities.js';
import { composeFile } from './compose-file.js';
import { envExample } from './env-example.js';
import { place } from './place.js';
import { createScope } from './scope.js';

export default defineTarget({
  name: 'compose',
  describe: 'Docker Compose files, one per environment (compose.yaml, compose.<env>.yaml), and the .env.example each reads',
  capabilities,
  place,
  emit(model, ctx) {
    const artifacts: Artifact[] = [];
    for (const name of ctx.environments) {
      const environment = model.environment(name);
      if (!environment) continue;
      const scope = createScope(model, environment, ctx);
      artifacts.push(composeFile(scope));
      const example = envExample(scope);
      if (example) artifacts.push(example);
    }
    return artifacts;
  },
});
