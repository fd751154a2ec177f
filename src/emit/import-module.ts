// `import()` of a module outside the bundle: a plugin target, the SVG renderer (dist/viz.js).
// bin/stackc.cjs runs the bundle as a vm.Script with a code cache, and a script V8 restored from a
// cache cannot call back into Node's module loader (its dynamic-import callback is lost), so the
// launcher lends its own `import()`. Loaded any other way (the library, the tests), it is the
// plain one.

const LENT = Symbol.for('stackc.importModule');

/** Imports the module at `url` (a file: URL). */
export function importModule(url: string): Promise<unknown> {
  const lent = (globalThis as { [LENT]?: (url: string) => Promise<unknown> })[LENT];
  return lent ? lent(url) : import(url);
}
