// Text that goes into a Compose file. Compose interpolates `$` everywhere in the file (commands,
// labels, healthchecks, env values), so every literal taken from stack.yaml is escaped here.

/** A literal string as Compose must see it: `$` → `$$`, so Compose does not interpolate it. */
export const literal = (text: string): string => text.replace(/\$/g, () => '$$');
