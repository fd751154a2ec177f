/** Stable JSON for generated files: two-space indentation, keys in the order built, final newline. */
export const toJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
