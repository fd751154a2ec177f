// The Docker Compose target: one standalone compose file per environment (`compose.yaml` for the
// default one, so `docker compose up` needs no flags) and the `.env.example` listing the variables
// it reads. Secrets and passwords are never written: the files interpolate them from the env file.
import { defineTarget, type Artifact } from '../../src/emit/target.js';
import { composeFile } from './compose-file.js';
import { envExample } from './env-example.js';
import { createScope } from './scope.js';

export default defineTarget({
  name: 'compose',
  describe: 'Docker Compose files, one per environment (compose.yaml, compose.<env>.yaml), and the .env.example each reads',
  emit(stack, ctx) {
    const report = ctx.report;
    const artifacts: Artifact[] = [];
    for (const environment of ctx.environments) {
      const view = stack.views.get(environment);
      if (!view) continue;
      const scope = createScope(stack, view, ctx, report);
      artifacts.push(composeFile(scope));
      const example = envExample(scope);
      if (example) artifacts.push(example);
    }
    return artifacts;
  },
});
