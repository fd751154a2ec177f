import type { Command, DataPath } from '../../model/stack.js';
import { expandsInShell, isShellName } from '../../vocabulary/env-var-name.js';
import type { ModelCheck } from './context.js';

/**
 * Per environment: a variable whose name has `.` or `-` reaches the process, but a shell cannot
 * expand it: a `command`, `entrypoint`, `release` or healthcheck command that says
 * `$discovery.type` gets `$discovery` (empty) followed by `.type`. Warned at the variable's key.
 */
export const checkShellVariableNames: ModelCheck = (stack, ctx) => {
  for (const view of stack.views.values()) {
    for (const s of view.services) {
      const probe = s.healthcheck?.probe;
      const commands: [string, Command | undefined, DataPath][] = [
        ['command', s.command, s.origins.command ?? [...s.path, 'command']],
        ['entrypoint', s.entrypoint, s.origins.entrypoint ?? [...s.path, 'entrypoint']],
        ['release', s.release, s.origins.release ?? [...s.path, 'release']],
        ['healthcheck', probe?.kind === 'command' ? probe.command : undefined, s.healthcheck?.path ?? s.path],
      ];
      for (const v of s.env) {
        if (isShellName(v.name)) continue;
        for (const [key, command, path] of commands) {
          if (!command?.some((arg) => expandsInShell(arg, v.name))) continue;
          ctx.report({
            path: v.path,
            atKey: true,
            code: 'shell-variable-name',
            severity: 'warning',
            message: `the \`${key}\` of \`${s.name}\` expands \`$${v.name}\`, which no shell can: a name with \`.\` or \`-\` reaches the process, but \`$${v.name}\` reads \`$${v.name.split(/[.-]/)[0]}\``,
            hint: `add a variable with a shell name for the command (\`${v.name.replace(/[.-]/g, '_').toUpperCase()}\`), or let the program read \`${v.name}\` from its environment`,
            related: [{ message: `the \`${key}\` that expands it`, path }],
          });
        }
      }
    }
  }
};
