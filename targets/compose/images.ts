// Compose tags what it builds with the service's `image`. Two services building different things
// (a dev Dockerfile and the production one) under one image name would overwrite each other's tag
// and run the wrong code, so only the first keeps the name; the others get Compose's default
// (`<project>-<service>`). Services building the same thing may share it.
import type { Service } from '../../src/model/stack.js';
import type { Scope } from './scope.js';

export class ImageNames {
  private readonly builds = new Map<string, { owner: string; build: string }>();

  /** The service that first wrote this image name in the file, if any. */
  owner(image: string): string | undefined {
    return this.builds.get(image)?.owner;
  }

  /** The image name to write for a service (or its release job) with this build, if any. */
  nameFor(service: Service, build: unknown, scope: Scope): string | undefined {
    if (!service.image || build === undefined) return service.image;
    const key = JSON.stringify(build);
    const claimed = this.builds.get(service.image);
    if (!claimed) {
      this.builds.set(service.image, { owner: service.name, build: key });
      return service.image;
    }
    if (claimed.build === key) return service.image;
    scope.report({
      severity: 'info',
      code: 'compose/image-name',
      message: `\`${service.name}\` builds ${service.image} differently from \`${claimed.owner}\` in environment \`${scope.environment.name}\`; Compose tags its build \`${scope.project}-${service.name}\` instead, so the two do not overwrite each other`,
      path: service.origins.image ?? service.path,
    });
    return undefined;
  }
}
