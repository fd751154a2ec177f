// One way to count things in a message ("1 service", "2 services"), so no message says "1 resources".

/** `1 service`, `2 services`; `many` for a plural that is not `<word>s` (`1 replica` / `entries`). */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
