// A small parser for `--name value` / `--name=value` options and positional words, shared by the
// commands of this folder. Anything it does not recognise is an argument error (exit 2 with usage).

export class ArgumentError extends Error {
  override name = "ArgumentError";
}

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
}

/** `allowed` lists the option names (without dashes); `booleans` those that take no value. */
export function parseFlags(argv: string[], allowed: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    // Options always begin with "--" (-h is handled before commands run), so a word with one dash is
    // positional: a staff id or a number may begin with "-".
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!allowed.includes(name) && !booleans.includes(name)) throw new ArgumentError(`unknown option --${name}`);
    if (name in options) throw new ArgumentError(`--${name} given twice`);
    if (booleans.includes(name)) {
      if (eq !== -1) throw new ArgumentError(`--${name} takes no value`);
      options[name] = "true";
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new ArgumentError(`--${name} needs a value`);
      i++;
    }
    options[name] = value;
  }
  return { positional, options };
}
