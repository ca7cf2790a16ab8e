/**
 * A small command-line parser shared by the subcommands: flags, options with a value (`-o out` or
 * `--output=out`), and positionals. Returns an error string rather than throwing so every
 * subcommand reports bad usage the same way (one line, exit 2).
 */

export interface ArgSpec {
  /** Flags without a value, by every spelling (`-v`, `--verbose`) to a canonical name. */
  readonly flags?: Readonly<Record<string, string>>;
  /** Options taking a value, likewise. */
  readonly options?: Readonly<Record<string, string>>;
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Set<string>;
  readonly options: Map<string, string>;
}

export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs | string {
  const out: ParsedArgs = { positional: [], flags: new Set(), options: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { out.positional.push(...args.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') { out.positional.push(a); continue; }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(0, eq) : a;
    if (spec.flags?.[key] !== undefined && eq < 0) { out.flags.add(spec.flags[key]); continue; }
    const opt = spec.options?.[key];
    if (opt !== undefined) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) return `option ${key} needs a value`;
      out.options.set(opt, value);
      continue;
    }
    return `unknown option: ${a}`;
  }
  return out;
}

/** Flags every subcommand accepts. */
export const COMMON_FLAGS: Readonly<Record<string, string>> = {
  '-h': 'help', '--help': 'help', '--all-features': 'all-features',
};

/** Options every subcommand accepts: switching single proposals on or off, or a language profile. */
export const COMMON_OPTIONS: Readonly<Record<string, string>> = {
  '--enable': 'enable', '--disable': 'disable', '--profile': 'profile',
};
