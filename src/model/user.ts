// `user:` and a Dockerfile's USER are written `user[:group]`; one reader for both.

/** `1000:1000` → `{ user: '1000', group: '1000' }`; an empty group counts as none. */
export function splitUser(text: string): { user: string; group?: string } {
  const [user, group] = text.trim().split(':') as [string, string?];
  return group === undefined || group === '' ? { user } : { user, group };
}
