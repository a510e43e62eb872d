import { Add, Arg, Env, type Instruction } from 'dockerfile-ast';
import {
  copyFromFlag,
  effectiveInstruction,
  execForm,
  parseDockerfile,
  referencedStages,
  stageArgs,
  substituteArgs,
  type DockerfileStage,
  type ParsedDockerfile,
} from './dockerfile-stages.ts';
import { runCommands, type ShellCommand } from './dockerfile-shell.ts';

/*
 * The Dockerfile rules we hold ourselves to, after hadolint's (whose DL codes are noted): hadolint
 * itself is not in the registries this repository installs from. HEALTHCHECK is deliberately not
 * required: Kubernetes probes the pods, and the runtime ignores a HEALTHCHECK.
 */
export const DOCKERFILE_RULES = {
  'from-pinned': 'base images carry a version tag or digest, never `latest` (DL3006, DL3007)',
  'stage-names-unique': 'stage names are unique (DL3024)',
  'apt-no-recommends': 'apt-get install uses --no-install-recommends (DL3015)',
  'apt-yes': 'apt-get install runs non-interactively with -y (DL3014)',
  'apt-pinned': 'apt-get install pins every package version: pkg=version (DL3008)',
  'apt-lists-removed': 'a RUN with apt-get removes /var/lib/apt/lists/* in the same layer (DL3009)',
  'apt-get-not-apt': 'scripts use apt-get, not apt (DL3027)',
  'npm-pinned': 'npm install pins versions: pkg@version (DL3016)',
  'no-sudo': 'no sudo: it is not needed as root and not wanted otherwise (DL3004)',
  'copy-not-add': 'ADD only for remote files or archives to unpack; COPY for local files (DL3020)',
  'exec-form': 'ENTRYPOINT and CMD in JSON (exec) form, so signals reach the process (DL3025)',
  'workdir-absolute': 'WORKDIR is an absolute path (DL3000)',
  'no-secrets': 'no secret-looking ENV or ARG (PASSWORD, TOKEN, SECRET, KEY) with a value',
  'non-root-user': 'every final stage runs as a non-root USER (DL3002)',
  'no-maintainer': 'MAINTAINER is deprecated; use a LABEL (DL4000)',
  'target-exists': 'every target the deployment builds is a stage',
} as const;

export type DockerfileRule = keyof typeof DOCKERFILE_RULES;

export interface DockerfileFinding {
  rule: DockerfileRule;
  /** 1-based line of the instruction. */
  line: number;
  message: string;
}

export interface DockerfileLintOptions {
  /** Stages that are built as images (`docker build --target`); each must exist and is final. */
  targets?: string[];
}

/** Every rule broken by the Dockerfile `text`, in line order; empty when it passes. */
export function lintDockerfile(text: string, options: DockerfileLintOptions = {}): DockerfileFinding[] {
  const parsed = parseDockerfile(text);
  const findings = [
    ...checkStages(parsed),
    ...parsed.stages.flatMap((stage) =>
      stage.instructions.flatMap((instruction) => checkInstruction(instruction, stage, parsed)),
    ),
    ...checkFinalStages(parsed, options.targets ?? []),
  ];
  return findings.sort((a, b) => a.line - b.line);
}

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

function finding(rule: DockerfileRule, instruction: Instruction | null, message: string): DockerfileFinding {
  return { rule, line: instruction ? lineOf(instruction) : 1, message };
}

/** Why `image` is not pinned, or null when it is. */
function unpinnedReason(image: string): string | null {
  if (image === 'scratch') return null;
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return null;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : '';
  if (tag === '') return 'has no tag';
  if (tag === 'latest') return 'uses the moving `latest` tag';
  return null;
}

function checkStages(parsed: ParsedDockerfile): DockerfileFinding[] {
  const findings: DockerfileFinding[] = [];
  const seen = new Set<string>();
  for (const stage of parsed.stages) {
    if (stage.name && seen.has(stage.name))
      findings.push(finding('stage-names-unique', stage.from, `stage name "${stage.name}" is used twice`));
    if (stage.name) seen.add(stage.name);
    if (stage.parent) continue;
    const raw = stage.from.getImage() ?? '';
    const resolved = substituteArgs(raw, parsed.globalArgs);
    const reason = resolved === null ? `uses an ARG without a default (${raw})` : unpinnedReason(resolved);
    if (reason) findings.push(finding('from-pinned', stage.from, `FROM ${resolved ?? raw} ${reason}`));
  }
  return findings;
}

function checkInstruction(
  instruction: Instruction,
  stage: DockerfileStage,
  parsed: ParsedDockerfile,
): DockerfileFinding[] {
  switch (instruction.getKeyword()) {
    case 'RUN':
      return checkRun(instruction, stageArgs(stage, parsed.globalArgs));
    case 'ADD':
      return checkAdd(instruction);
    case 'COPY':
      return checkCopyFrom(instruction, stage, parsed);
    case 'CMD':
    case 'ENTRYPOINT':
      return execForm(instruction)
        ? []
        : [
            finding(
              'exec-form',
              instruction,
              `${instruction.getKeyword()} is in shell form; use ["exe", "arg"]`,
            ),
          ];
    case 'WORKDIR':
      return checkWorkdir(instruction, stageArgs(stage, parsed.globalArgs));
    case 'ENV':
    case 'ARG':
      return checkSecrets(instruction);
    case 'MAINTAINER':
      return [
        finding(
          'no-maintainer',
          instruction,
          'MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors',
        ),
      ];
    default:
      return [];
  }
}

/** A RUN's command text, from the shell form or the JSON (exec) form. */
function runText(instruction: Instruction): string {
  return execForm(instruction)?.join(' ') ?? instruction.getArgumentsContent() ?? '';
}

function checkRun(instruction: Instruction, args: Map<string, string | null>): DockerfileFinding[] {
  const text = runText(instruction);
  const commands = runCommands(text);
  const findings = commands.flatMap((command) => checkCommand(command, instruction, args));
  const usesApt = commands.some(
    (c) => c.program === 'apt-get' && (c.args.includes('install') || c.args.includes('update')),
  );
  if (usesApt && !/\brm\s+-(?:rf|fr|r\s+-f|f\s+-r)\s+\/var\/lib\/apt\/lists\/?\*?/.test(text))
    findings.push(
      finding(
        'apt-lists-removed',
        instruction,
        'apt-get without `rm -rf /var/lib/apt/lists/*` in the same RUN',
      ),
    );
  return findings;
}

function checkCommand(
  command: ShellCommand,
  instruction: Instruction,
  args: Map<string, string | null>,
): DockerfileFinding[] {
  const findings: DockerfileFinding[] = [];
  if (command.sudo) findings.push(finding('no-sudo', instruction, `sudo ${command.program}: drop sudo`));
  if (command.program === 'apt' && command.args[0] === 'install')
    findings.push(finding('apt-get-not-apt', instruction, '`apt install`: use apt-get in scripts'));
  if (command.program === 'apt-get' && command.args.includes('install'))
    findings.push(...checkAptInstall(command, instruction));
  if (command.program === 'npm' && ['install', 'i', 'add'].includes(command.args[0] ?? ''))
    findings.push(...checkNpmInstall(command, instruction, args));
  return findings;
}

/** apt-get options that take the next word as their value. */
const APT_OPTIONS_WITH_VALUE = new Set(['-o', '-t', '--target-release', '-c', '--config-file']);

function checkAptInstall(command: ShellCommand, instruction: Instruction): DockerfileFinding[] {
  const findings: DockerfileFinding[] = [];
  const words = command.args.slice(command.args.indexOf('install') + 1);
  const options = command.args.filter((a) => a.startsWith('-'));
  if (!options.includes('--no-install-recommends'))
    findings.push(
      finding('apt-no-recommends', instruction, 'apt-get install without --no-install-recommends'),
    );
  if (!options.some((o) => ['-y', '--yes', '--assume-yes', '-qq', '-q=2'].includes(o)))
    findings.push(finding('apt-yes', instruction, 'apt-get install without -y'));
  for (const [i, word] of words.entries()) {
    if (word.startsWith('-') || APT_OPTIONS_WITH_VALUE.has(words[i - 1] ?? '')) continue;
    if (!/^[^=]+=.+$/.test(word))
      findings.push(
        finding('apt-pinned', instruction, `apt-get install ${word}: pin its version (${word}=<version>)`),
      );
  }
  return findings;
}

function checkNpmInstall(
  command: ShellCommand,
  instruction: Instruction,
  args: Map<string, string | null>,
): DockerfileFinding[] {
  return command.args
    .slice(1)
    .filter((word) => !word.startsWith('-'))
    .flatMap((word) => {
      const version = /^(?:@[^/@]+\/)?[^@]+@(.+)$/.exec(word)?.[1];
      const resolved = version === undefined ? null : substituteArgs(version, args);
      if (resolved && resolved !== 'latest') return [];
      return [finding('npm-pinned', instruction, `npm install ${word}: pin its version (name@version)`)];
    });
}

function checkAdd(instruction: Instruction): DockerfileFinding[] {
  if (!(instruction instanceof Add)) return [];
  const sources = instruction
    .getArguments()
    .slice(0, -1)
    .map((a) => a.getValue());
  const local = sources.filter(
    (source) =>
      !/^(?:https?:\/\/|git@)/.test(source) && !/\.(?:tar|tgz|tar\.(?:gz|bz2|xz|zst)|txz)$/.test(source),
  );
  return local.map((source) =>
    finding('copy-not-add', instruction, `ADD ${source}: use COPY for local files`),
  );
}

function checkCopyFrom(instruction: Instruction, stage: DockerfileStage, parsed: ParsedDockerfile) {
  const from = copyFromFlag(instruction);
  if (from === null || /^\d+$/.test(from)) return [];
  const earlier = parsed.stages.slice(0, stage.index).some((s) => s.name === from.toLowerCase());
  const reason = earlier ? null : unpinnedReason(substituteArgs(from, parsed.globalArgs) ?? from);
  return reason ? [finding('from-pinned', instruction, `COPY --from=${from} ${reason}`)] : [];
}

function checkWorkdir(instruction: Instruction, args: Map<string, string | null>): DockerfileFinding[] {
  const raw = instruction.getArgumentsContent() ?? '';
  const path = substituteArgs(raw, args);
  return path?.startsWith('/')
    ? []
    : [finding('workdir-absolute', instruction, `WORKDIR ${raw} is not an absolute path`)];
}

const SECRET_NAME = /PASSWORD|TOKEN|SECRET|KEY/i;

function checkSecrets(instruction: Instruction): DockerfileFinding[] {
  const properties =
    instruction instanceof Env
      ? instruction.getProperties()
      : instruction instanceof Arg && instruction.getProperty()
        ? [instruction.getProperty()!]
        : [];
  return properties
    .filter((p) => SECRET_NAME.test(p.getName()) && (p.getValue() ?? '') !== '')
    .map((p) =>
      finding(
        'no-secrets',
        instruction,
        `${instruction.getKeyword()} ${p.getName()} has a value baked into the image; pass secrets at run time`,
      ),
    );
}

const ROOT_USER = /^(?:root|0)(?::.*)?$/;

/** Stages that become images: the declared targets, and any stage no other stage uses. */
function finalStages(parsed: ParsedDockerfile, targets: string[]): DockerfileStage[] {
  const used = referencedStages(parsed.stages);
  return parsed.stages.filter(
    (stage) =>
      (stage.name !== null && targets.includes(stage.name)) || !used.has(stage.name ?? String(stage.index)),
  );
}

function checkFinalStages(parsed: ParsedDockerfile, targets: string[]): DockerfileFinding[] {
  const names = new Set(parsed.stages.map((s) => s.name));
  const missing = targets
    .filter((target) => !names.has(target.toLowerCase()))
    .map((target) =>
      finding('target-exists', null, `target "${target}" is not a stage (FROM ... AS ${target})`),
    );
  const rootStages = finalStages(
    parsed,
    targets.map((t) => t.toLowerCase()),
  ).flatMap((stage) => {
    const user = effectiveInstruction(stage, 'USER');
    const value = user?.getArgumentsContent()?.trim() ?? '';
    if (user && !ROOT_USER.test(value)) return [];
    const label = stage.name ?? `#${stage.index}`;
    const why = user ? `USER ${value} is root` : 'sets no USER, so it runs as root';
    return [finding('non-root-user', user ?? stage.from, `final stage ${label} ${why}`)];
  });
  return [...missing, ...rootStages];
}
