import type { DataPath } from '../../model/stack.js';
import { joinProjectPath, projectPath } from '../values.js';
import { containerEntries, entries, type DataCheck } from './context.js';

/** Every path stack.yaml names stays inside the project: no `../`, no absolute paths. */
export const checkPathsStayInProject: DataCheck = (ctx) => {
  const escape = (path: DataPath, text: string, what: string) =>
    ctx.report({ path, code: 'path-escapes-project', message: `${what} \`${text}\` is outside the project`, hint: 'paths are relative to the directory of stack.yaml and must stay inside it; move stack.yaml up or the files down' });

  for (const [path, , s] of containerEntries(ctx.data)) {
    const blocks: [DataPath, typeof s | undefined][] = [[path, s], ...entries(s.environments).map(([env, o]): [DataPath, typeof s] => [[...path, 'environments', env], o as typeof s])];
    for (const [base, block] of blocks) {
      if (!block) continue;
      if (typeof block.build === 'string') {
        if (projectPath(block.build) === undefined) escape([...base, 'build'], block.build, 'build context');
      } else if (block.build) {
        const context = projectPath(block.build.context);
        if (context === undefined) escape([...base, 'build', 'context'], block.build.context, 'build context');
        else if (block.build.dockerfile && joinProjectPath(context, block.build.dockerfile) === undefined) escape([...base, 'build', 'dockerfile'], block.build.dockerfile, 'Dockerfile');
      }
      if (block.static?.root !== undefined && projectPath(block.static.root) === undefined) escape([...base, 'static', 'root'], block.static.root, 'static site root');
      block.volumes?.forEach((v, i) => {
        const source = typeof v === 'string' ? (v.startsWith('.') ? v.split(':')[0]! : undefined) : v.source;
        if (source !== undefined && projectPath(source) === undefined) escape([...base, 'volumes', i], source, 'bind-mount source');
      });
      block.files?.forEach((f, i) => {
        if (f.source !== undefined && projectPath(f.source) === undefined) escape([...base, 'files', i, 'source'], f.source, 'file');
      });
    }
  }
  const wd = ctx.data.ci?.working_directory;
  if (wd && projectPath(wd) === undefined) escape(['ci', 'working_directory'], wd, 'CI working directory');
  for (const [name, step] of Object.entries(ctx.data.ci?.steps ?? {})) {
    if (typeof step === 'object' && step.working_directory && projectPath(step.working_directory) === undefined) escape(['ci', 'steps', name, 'working_directory'], step.working_directory, 'CI step working directory');
  }
  ctx.data.plugins?.forEach((p, i) => {
    if (p.startsWith('./') && projectPath(p) === undefined) escape(['plugins', i], p, 'plugin');
  });
};
