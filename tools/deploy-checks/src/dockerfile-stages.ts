import {
  Arg,
  DockerfileParser,
  Env,
  From,
  JSONInstruction,
  ModifiableInstruction,
  type Dockerfile,
  type Instruction,
} from 'dockerfile-ast';

/** One `FROM ... [AS name]` and the instructions up to the next `FROM`. */
export interface DockerfileStage {
  index: number;
  /** The `AS` name, lower-cased as Docker compares it; null for an unnamed stage. */
  name: string | null;
  from: From;
  /** The `FROM` image with the global ARG defaults substituted, e.g. `node:26.12.1-bookworm-slim`. */
  image: string;
  /** The earlier stage this one builds on (`FROM build`), or null for an image. */
  parent: DockerfileStage | null;
  /** The stage's own instructions, after its `FROM`. */
  instructions: Instruction[];
}

export interface ParsedDockerfile {
  dockerfile: Dockerfile;
  /** ARGs declared before the first FROM, with their defaults (null: no default). */
  globalArgs: Map<string, string | null>;
  stages: DockerfileStage[];
}

/** Parses a Dockerfile into its build stages. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(text);
  const globalArgs = new Map<string, string | null>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property) globalArgs.set(property.getName(), property.getValue());
  }
  const stages: DockerfileStage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) {
      const from = instruction;
      const image = substituteArgs(from.getImage() ?? '', globalArgs) ?? '';
      stages.push({
        index: stages.length,
        name: from.getBuildStage()?.toLowerCase() ?? null,
        from,
        image,
        parent: stages.findLast((s) => s.name !== null && s.name === image.toLowerCase()) ?? null,
        instructions: [],
      });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return { dockerfile, globalArgs, stages };
}

/**
 * `$NAME`, `${NAME}` and `${NAME:-default}` replaced from `args`; null when one has no value, so
 * a caller can tell "unresolvable" from a real value.
 */
export function substituteArgs(text: string, args: Map<string, string | null>): string | null {
  let unresolved = false;
  const result = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_match, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      const value = args.get((braced ?? bare)!) || fallback;
      if (value === undefined || value === null) unresolved = true;
      return value ?? '';
    },
  );
  return unresolved ? null : result;
}

/** ARG defaults visible in the stage: the global ones, then its own (and its parents') ARGs. */
export function stageArgs(
  stage: DockerfileStage,
  globalArgs: Map<string, string | null>,
): Map<string, string | null> {
  const args = new Map(globalArgs);
  for (const instruction of inheritedInstructions(stage)) {
    const property = instruction instanceof Arg ? instruction.getProperty() : null;
    if (property)
      args.set(property.getName(), property.getValue() ?? globalArgs.get(property.getName()) ?? null);
  }
  return args;
}

/** The environment the stage's image starts with (its ENVs and inherited ones), ARGs substituted. */
export function stageEnv(
  stage: DockerfileStage,
  globalArgs: Map<string, string | null>,
): Record<string, string> {
  const args = stageArgs(stage, globalArgs);
  const env: Record<string, string> = {};
  for (const instruction of inheritedInstructions(stage)) {
    if (!(instruction instanceof Env)) continue;
    for (const property of instruction.getProperties())
      env[property.getName()] = substituteArgs(property.getValue() ?? '', args) ?? '';
  }
  return env;
}

/** The stage's instructions with those of the stages it builds on first, oldest first. */
export function inheritedInstructions(stage: DockerfileStage): Instruction[] {
  return [...(stage.parent ? inheritedInstructions(stage.parent) : []), ...stage.instructions];
}

/** The last `keyword` instruction in effect for the stage, inherited ones included. */
export function effectiveInstruction(stage: DockerfileStage, keyword: string): Instruction | null {
  return (
    inheritedInstructions(stage)
      .filter((i) => i.getKeyword() === keyword)
      .at(-1) ?? null
  );
}

/** A JSON-form instruction's strings (`CMD ["node", "x.ts"]` gives `['node', 'x.ts']`); null for shell form. */
export function execForm(instruction: Instruction | null): string[] | null {
  if (!(instruction instanceof JSONInstruction)) return null;
  if (!instruction.getOpeningBracket() || !instruction.getClosingBracket()) return null;
  return instruction.getJSONStrings().map((s) => s.getJSONValue());
}

/** Names of the stages other stages use, as a base (`FROM build`) or a source (`COPY --from=build`). */
export function referencedStages(stages: DockerfileStage[]): Set<string> {
  const names = new Set<string>();
  for (const stage of stages) {
    if (stage.parent?.name) names.add(stage.parent.name);
    for (const instruction of stage.instructions) {
      const from = copyFromFlag(instruction);
      if (from) names.add(from.toLowerCase());
    }
  }
  return names;
}

/** The `--from=` of a COPY (or ADD), or null. */
export function copyFromFlag(instruction: Instruction): string | null {
  if (!(instruction instanceof ModifiableInstruction)) return null;
  if (instruction.getKeyword() !== 'COPY' && instruction.getKeyword() !== 'ADD') return null;
  const flag = instruction
    .getFlags()
    .filter((f) => f.getName() === 'from')
    .at(-1);
  return flag?.getValue() ?? null;
}
