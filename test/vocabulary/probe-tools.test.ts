// The table of base images a healthcheck probe is chosen from: each row is what the image's own
// build files install (cited in src/vocabulary/probe-tools.ts); anything else is unknown.
import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../src/vocabulary/image-reference.js';
import { baseImageTools, toolNames } from '../../src/vocabulary/probe-tools.js';

const tools = (image: string) => {
  const found = baseImageTools(parseImageReference(image));
  return found && { family: found.family, tools: toolNames(found.tools) };
};

describe('probe tools of base images', () => {
  it('finds the runtime of the official python and node images, slim or not, at its absolute path', () => {
    expect(baseImageTools(parseImageReference('python:3.12.7-slim-bookworm'))?.tools).toEqual({ python: '/usr/local/bin/python3' });
    expect(baseImageTools(parseImageReference('docker.io/library/python:3.13'))?.tools).toEqual({ python: '/usr/local/bin/python3' });
    expect(baseImageTools(parseImageReference('node:20.18.1-bookworm-slim'))?.tools).toEqual({ node: '/usr/local/bin/node' });
    // Their alpine variants keep BusyBox's wget and nc.
    expect(tools('python:3.12-alpine3.20')).toEqual({ family: 'python', tools: ['python3', 'wget', 'nc'] });
    expect(tools('node:22-alpine')).toEqual({ family: 'node', tools: ['node', 'wget', 'nc'] });
  });

  it('finds the runtime of distroless python3 and nodejs images, which have no shell', () => {
    expect(baseImageTools(parseImageReference('gcr.io/distroless/python3-debian12:nonroot'))?.tools).toEqual({ python: '/usr/bin/python3' });
    expect(baseImageTools(parseImageReference('gcr.io/distroless/python3'))?.tools).toEqual({ python: '/usr/bin/python3' });
    expect(baseImageTools(parseImageReference('gcr.io/distroless/nodejs22-debian12'))?.tools).toEqual({ node: '/nodejs/bin/node' });
    expect(baseImageTools(parseImageReference('gcr.io/distroless/nodejs20-debian12:nonroot'))?.tools).toEqual({ node: '/nodejs/bin/node' });
  });

  it('knows images with nothing a probe can run: distroless static/base/cc/java, scratch', () => {
    for (const image of ['gcr.io/distroless/static-debian12', 'gcr.io/distroless/base-debian12:nonroot', 'gcr.io/distroless/cc-debian12', 'gcr.io/distroless/java21-debian12', 'scratch']) {
      expect(tools(image)?.tools, image).toEqual([]);
    }
    // A debug tag adds a BusyBox shell whose applets are not documented: unknown, not "nothing".
    expect(tools('gcr.io/distroless/static-debian12:debug')).toBeUndefined();
  });

  it('knows nginx (curl on Debian, BusyBox on Alpine), alpine, and Debian/Ubuntu (bash only)', () => {
    expect(tools('nginx:1.27')).toEqual({ family: 'nginx', tools: ['curl', 'bash'] });
    expect(tools('nginxinc/nginx-unprivileged:1.27')).toEqual({ family: 'nginx', tools: ['curl', 'bash'] });
    expect(tools('nginxinc/nginx-unprivileged:1.27-alpine')).toEqual({ family: 'nginx', tools: ['wget', 'nc'] });
    expect(tools('alpine:3.20')).toEqual({ family: 'alpine', tools: ['wget', 'nc'] });
    expect(tools('httpd:2.4-alpine')).toEqual({ family: 'alpine', tools: ['wget', 'nc'] });
    expect(tools('debian:bookworm-slim')).toEqual({ family: 'debian', tools: ['bash'] });
    expect(tools('ubuntu:24.04')).toEqual({ family: 'debian', tools: ['bash'] });
  });

  it('does not guess: other images, look-alikes on other registries, and `alpine` tags of non-official images are unknown', () => {
    for (const image of ['ghcr.io/acme/api:1.4.2', 'httpd:2.4', 'golang:1.23', 'ruby:3.3-slim', 'acme/python:3.12', 'ghcr.io/acme/node:22', 'acme/web:1.0-alpine', 'registry.internal:5000/distroless/python3']) {
      expect(tools(image), image).toBeUndefined();
    }
  });
});
