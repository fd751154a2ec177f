// The trace of an internal error, mapped back to the sources. Node maps a trace through a source
// map only for code it loaded while maps were enabled, and never for a vm.Script, which is how
// bin/stackc.cjs runs the minified bundle (for its code cache). So the CLI maps the trace itself,
// from the map beside the bundle, when it prints one: nothing is read unless something broke.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';

/**
 * `stack` with every `<bundleFile>:<line>:<column>` replaced by the source position the map beside
 * the bundle (`<bundleFile>.map`) gives; unchanged when there is no map (running from the sources).
 */
export function sourceMappedStack(stack: string, bundleFile: string): string {
  const mapFile = `${bundleFile}.map`;
  if (!existsSync(mapFile)) return stack;
  let map: SourceMap;
  try {
    map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload);
  } catch {
    return stack;
  }
  const position = new RegExp(`${bundleFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`, 'g');
  return stack.replace(position, (whole, line: string, column: string) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
    if (!entry.originalSource || entry.originalLine === undefined) return whole;
    return `${resolve(dirname(bundleFile), entry.originalSource)}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  });
}
