// The schema of a released stackc, at a URL that never changes under a stack: the file inside the
// npm package of that exact version, served by jsDelivr (README, Editor support). npm never lets a
// version be published twice, so the bytes behind the URL are fixed from the moment of release,
// and they are the bytes `npm install` puts in node_modules (CONTRIBUTING.md, Releasing).

export interface PackageJson {
  name: string;
  version: string;
}

/** `https://cdn.jsdelivr.net/npm/<name>@<version>/schema/stack.schema.json`. */
export function publishedSchemaUrl(pkg: PackageJson): string {
  return `https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/schema/stack.schema.json`;
}
