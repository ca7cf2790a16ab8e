/**
 * Reading a module from a file for the CLI: text (`.wat`/`.wast`, or anything that is not a binary
 * and looks like text) or binary (checked by its magic), then optional validation. Every failure
 * becomes a `CliError` carrying one line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeModule } from '../binary/decode.js';
import { ParseError } from '../errors.js';
import { CliError, describeError } from './cli-error.js';
import { ALL_FEATURES, DEFAULT_FEATURES, FEATURES, applyProfile, parseProfiles, type Feature, type FeatureSet } from '../features.js';
import type { Module } from '../syntax/module.js';
import { parseModule } from '../text/parse-module.js';
import { validateModule } from '../valid/index.js';
import type { ParsedArgs } from './args.js';

const TEXT_EXTENSIONS = ['.wat', '.wast'];

export function readInput(file: string): Uint8Array {
  try {
    // `-` is standard input (file descriptor 0).
    return new Uint8Array(readFileSync(file === '-' ? 0 : file));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory'
      : code === 'EACCES' ? 'permission denied' : describeError(e);
    throw new CliError(`${file}: error: cannot read: ${why}`);
  }
}

export function writeOutput(file: string, data: Uint8Array | string): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CliError(`${file}: error: cannot write: ${code ?? describeError(e)}`);
  }
}

function hasMagic(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d;
}

/** Whether to read `bytes` as the text format. */
export function isTextInput(file: string, bytes: Uint8Array): boolean {
  if (TEXT_EXTENSIONS.some(x => file.toLowerCase().endsWith(x))) return true;
  if (hasMagic(bytes)) return false;
  // No magic: text if it starts (after blanks) like WAT does, so that `weft validate foo.txt` works.
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return i < bytes.length && (bytes[i] === 0x28 /* ( */ || bytes[i] === 0x3b /* ; */);
}

/**
 * The feature set the common `--all-features`, `--enable a,b`, `--disable c` and `--profile p,q`
 * options describe (the profile's omissions win over `--enable`).
 */
export function featuresFrom(args: ParsedArgs): FeatureSet {
  const f: Record<string, boolean> = { ...(args.flags.has('all-features') ? ALL_FEATURES : DEFAULT_FEATURES) };
  for (const [opt, on] of [['enable', true], ['disable', false]] as const) {
    const list = args.options.get(opt);
    if (!list) continue;
    for (const name of list.split(',').map(s => s.trim()).filter(Boolean)) {
      if (!(FEATURES as readonly string[]).includes(name)) {
        throw new CliError(`error: unknown feature '${name}' (known: ${FEATURES.join(', ')})`);
      }
      f[name as Feature] = on;
    }
  }
  const profile = args.options.get('profile');
  if (profile === undefined) return Object.freeze(f) as FeatureSet;
  try {
    return applyProfile(f as FeatureSet, parseProfiles(profile));
  } catch (e) {
    throw new CliError(`error: ${(e as Error).message}`);
  }
}

export interface LoadOptions {
  readonly features: FeatureSet;
  /** Run the validator (default true). */
  readonly validate?: boolean;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ParseError('malformed UTF-8 encoding', 1, 1);
  }
}

/** Reads, parses or decodes, and (optionally) validates the module in `file`. */
export function loadModule(file: string, opts: LoadOptions): { module: Module; text: boolean } {
  const bytes = readInput(file);
  const text = isTextInput(file, bytes);
  try {
    const module = text ? parseModule(decodeUtf8(bytes), opts.features) : decodeModule(bytes, opts.features);
    if (opts.validate !== false) validateModule(module, opts.features);
    return { module, text };
  } catch (e) {
    throw new CliError(`${file}: error: ${describeError(e)}`);
  }
}
