/** Whether `b` is `a` with exactly two neighbouring characters swapped (`prots` / `ports`). */
export function transposes(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const differ: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ.push(i);
  return differ.length === 2 && differ[1] === differ[0]! + 1 && a[differ[0]!] === b[differ[1]!] && a[differ[1]!] === b[differ[0]!];
}
