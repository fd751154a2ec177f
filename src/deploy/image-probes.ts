// What a service's image offers a healthcheck (model.ts `ImageHealthcheck`, `ImageProbeTools`),
// decided once for every reader: the HEALTHCHECK its Dockerfile's run stage ends up with, and which
// probe programs the image has, from the table of base images (src/vocabulary/probe-tools.ts) read
// for the FROM its run stage's chain starts at (or for `image:` when it builds nothing), plus what
// the Dockerfile installs with the distribution's package manager.
import { expandVariables, inherited, isHealthcheckNone, runStage, stageChain, type Stage } from '../dockerfile/dockerfile.js';
import { dockerfilePath, type DockerfileReader } from '../dockerfile/reader.js';
import type { Service } from '../model/stack.js';
import { parseImageReference } from '../vocabulary/image-reference.js';
import { baseImageTools, type ProbeTools } from '../vocabulary/probe-tools.js';
import type { ImageBase, ImageHealthcheck, ImageProbeTools } from './model.js';

/** The HEALTHCHECK of the Dockerfile stage the service runs (or a stage it builds on), if any. */
export function imageHealthcheck(service: Service, dockerfile: DockerfileReader): ImageHealthcheck | undefined {
  const file = dockerfile(service);
  const stage = file && runStage(file, service.build?.target);
  const instruction = stage && inherited(file, stage, 'HEALTHCHECK');
  if (!instruction) return undefined;
  return { kind: isHealthcheckNone(instruction) ? 'none' : 'command', file: file!.file, line: instruction.line };
}

export function imageProbeTools(service: Service, dockerfile: DockerfileReader): ImageProbeTools {
  if (!service.build) {
    if (!service.image) return { tools: {}, installed: [], reason: 'the service has no image' };
    return fromBase({ image: service.image, from: { kind: 'stack' } }, {});
  }
  const file = dockerfile(service);
  if (!file) return { tools: {}, installed: [], reason: `${dockerfilePath(service.build)} could not be read` };
  const stage = runStage(file, service.build.target);
  if (!stage) return { tools: {}, installed: [], reason: `${file.file} has no FROM` };
  const chain = stageChain(file, stage);
  const root = chain[0]!;
  const installed = installedTools(chain);
  const image = expandVariables(root.image, file, root, service.build.args);
  if (!image) return { tools: installed, installed: toolKeys(installed), reason: `FROM \`${root.image}\` in ${file.file} names a build argument with no value here` };
  return fromBase({ image, from: { kind: 'dockerfile', file: file.file, line: root.from.line } }, installed);
}

function fromBase(base: ImageBase, installed: ProbeTools): ImageProbeTools {
  const entry = baseImageTools(parseImageReference(base.image));
  const common = { base, installed: toolKeys(installed) };
  if (!entry) return { ...common, tools: installed, reason: `stackc does not know what \`${base.image}\` contains` };
  return { ...common, known: { family: entry.family, source: entry.source }, tools: { ...entry.tools, ...installed } };
}

const toolKeys = (tools: ProbeTools): string[] => Object.keys(tools).sort();

/** Package names that give a probe tool, across Debian, Alpine and Red Hat repositories. */
const PACKAGES: Record<string, 'curl' | 'wget' | 'nc' | 'bash'> = {
  curl: 'curl',
  wget: 'wget',
  'netcat-openbsd': 'nc',
  'netcat-traditional': 'nc',
  bash: 'bash',
};

const INSTALL = /^(?:apt-get|apt)\s+.*\binstall\b|^apk\s+.*\badd\b|^(?:dnf|yum|microdnf)\s+.*\binstall\b/;

/**
 * Probe tools that RUN lines of the stage chain install (`apt-get install -y curl`, `apk add wget`,
 * `dnf install netcat-openbsd`), package versions (`curl=8.5.0-2`) allowed. A package removed later
 * is not noticed: the check is for the common case of installing curl for a healthcheck.
 */
function installedTools(chain: readonly Stage[]): ProbeTools {
  const out: ProbeTools = {};
  for (const s of chain) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const command of ins.args.split(/&&|;|\|\|/)) {
        const text = command.trim().replace(/^(?:sudo\s+)?/, '');
        if (!INSTALL.test(text)) continue;
        for (const word of text.split(/\s+/)) {
          const tool = PACKAGES[word.replace(/[=~].*$/, '')];
          if (tool) out[tool] = true;
        }
      }
    }
  }
  return out;
}
