/** One simple command of a RUN line: `sudo DEBIAN_FRONTEND=x apt-get install -y a` gives apt-get. */
export interface ShellCommand {
  program: string;
  args: string[];
  /** Run through sudo. */
  sudo: boolean;
}

/**
 * The simple commands of a RUN's shell text, split at `&&`, `||`, `;`, `|` and newlines, with
 * leading `VAR=value` assignments skipped and quotes removed. Enough for lint rules about which
 * programs run with which arguments; not a shell parser (no subshells, no expansion).
 */
export function runCommands(text: string): ShellCommand[] {
  return text
    .split(/&&|\|\||;|\||\n/)
    .map((part) => part.trim().split(/\s+/).filter(Boolean).map(unquote))
    .flatMap((words) => {
      let start = 0;
      let sudo = false;
      while (
        start < words.length &&
        (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[start]!) || words[start] === 'sudo')
      ) {
        if (words[start] === 'sudo') sudo = true;
        start++;
      }
      const [program, ...args] = words.slice(start);
      return program ? [{ program, args, sudo }] : [];
    });
}

function unquote(word: string): string {
  return word.replace(/^(['"])(.*)\1$/, '$2');
}
