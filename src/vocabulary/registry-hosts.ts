// What a container registry host says about the registry. Shared by the loader (which login fits
// which host, `registries:`) and the GitHub Actions target (how CI signs in).

/** An Amazon ECR private registry: `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`. */
const ECR = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/i;

export const isEcr = (host: string): boolean => ECR.test(host);

/** The AWS region of an ECR host (`eu-west-1`), which is where CI must ask for its login. */
export const ecrRegion = (host: string): string | undefined => ECR.exec(host)?.[2]?.toLowerCase();

/** Google Artifact Registry (`<location>-docker.pkg.dev`) or Container Registry (`gcr.io`, `eu.gcr.io`). */
export const isGoogleRegistry = (host: string): boolean => /(^|\.)gcr\.io$|^[a-z0-9-]+-docker\.pkg\.dev$/i.test(host);
