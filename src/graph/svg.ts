// DOT → SVG in-process, with Graphviz compiled to WebAssembly (@viz-js/viz; docs/graph.md has the
// measurements behind the choice). The module is imported here, on first use, so no other command
// pays for loading ~1.2 MB of JavaScript and WebAssembly.
import type { Viz } from '@viz-js/viz';

let viz: Promise<Viz> | undefined;

/** The Graphviz instance, created once per process. */
export function graphviz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  return viz;
}

/**
 * Renders DOT to SVG. Graphviz errors (a bug in the DOT stackc wrote) are thrown; warnings are ignored.
 * @param header a comment placed after the XML declaration (without `<!--`/`-->`).
 */
export async function renderSvg(dot: string, header?: string): Promise<string> {
  const result = (await graphviz()).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    throw new Error(`Graphviz could not render the graph: ${result.errors.map((e) => e.message.trim()).join('; ')}`);
  }
  // Graphviz sized the text with Helvetica's metrics; offer the fonts that share them before the
  // generic fallback (DejaVu Sans, ~10% wider, would overflow the boxes).
  const svg = result.output.replaceAll('font-family="Helvetica,sans-Serif"', `font-family="Helvetica,Arial,'Liberation Sans',sans-serif"`);
  if (!header) return svg;
  const comment = `<!-- ${header.replace(/--/g, '- -')} -->\n`;
  const declaration = /^<\?xml[^>]*\?>\n?/.exec(svg);
  return declaration ? svg.slice(0, declaration[0].length) + comment + svg.slice(declaration[0].length) : comment + svg;
}
