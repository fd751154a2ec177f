// The S3 bucket naming rules (general purpose buckets), checked once for every bucket a stack names,
// written or defaulted: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
// The schema checks the characters and the length of a written name; this says which rule a name
// breaks, so the default name (`<stack>-<resource>`) is held to the same rules.

/** Why `name` is not a valid bucket name, or `undefined` when it is. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; a bucket name has 3 to 63`;
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may contain only lowercase letters, digits, `.` and `-`';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must start and end with a letter or a digit';
  if (name.includes('..')) return 'must not contain two adjacent periods';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address';
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) if (name.startsWith(prefix)) return `must not start with \`${prefix}\` (reserved by S3)`;
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) if (name.endsWith(suffix)) return `must not end with \`${suffix}\` (reserved by S3)`;
  return undefined;
}
