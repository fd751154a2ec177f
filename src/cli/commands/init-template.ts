import { toDnsLabel } from '../../model/dns-label.js';

/** The commented starter stack.yaml `stackc init` writes. It validates as is once `./api` exists (tested). */
export function starterStack(name: string, schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
# stack.yaml — the one description of ${name}. stackc compiles it into Docker Compose, Kubernetes,
# fly.toml, railway.json, vercel.json and GitHub Actions files.   Check it with: stackc validate
stack: 1
name: ${name}

# The environments the app runs in; the first is the default.
environments:
  development: {}
  production:
    domain: ${name}.example.com     # public services are served here

services:
  api:
    build: ./api                    # directory with the Dockerfile
    image: ghcr.io/your-org/${name}-api
    ports: [8000]
    env:
      LOG_LEVEL: info
      DATABASE_URL: \${resources.db.url}   # filled in per platform
    secrets: [SECRET_KEY]           # names only: values live in each platform's secret store
    healthcheck:
      http: /health
      interval: 30s
      timeout: 3s
    user: 1000                      # run as a non-root user
    resources: { cpu: 500m, memory: 512Mi }
    public: true
    depends_on: [db]
    environments:
      production:
        replicas: 2
        env: { LOG_LEVEL: warning }

# Backing services: each target provisions them its own way.
resources:
  db:
    type: postgres
    version: "17"
    storage: 5Gi

# What to generate. Remove a target you do not use.
targets:
  compose: {}
  kubernetes:
    environments: [production]
`;
}

/** The stack name for a directory: `My Shop` → `my-shop`, or `app`. */
export const stackNameFrom = (directory: string): string => toDnsLabel(directory) ?? 'app';
