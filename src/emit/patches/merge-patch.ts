// RFC 7386 JSON merge patch (https://www.rfc-editor.org/rfc/rfc7386): maps merge key by key, any
// other value (a list included) replaces what was there, `null` removes the key. The escape hatch
// of the targets whose files are one JSON-like document (fly.toml, railway.json, vercel.json).
import { isMap, type Json } from './json.js';

/** `target` with `patch` merged in; neither is changed. Keys keep their place, new keys come last. */
export function mergePatch(target: unknown, patch: unknown): Json {
  if (!isMap(patch)) return structuredClone(patch) as Json;
  const out: Record<string, Json> = isMap(target) ? { ...(target as Record<string, Json>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
