/**
 * Guest path resolution, confined to a directory capability.
 *
 * A guest path is resolved one component at a time against the host directory of the descriptor it
 * was given with, following symbolic links ourselves (read with lstat/readlink) instead of letting
 * the host follow them. That is what makes confinement hold: every `..` is checked against the
 * components walked so far, and every link target is spliced into the walk and checked the same way.
 * Refused with ENOTCAPABLE: absolute paths, `..` above the directory, absolute link targets, and
 * relative link targets that climb out. The resolved host path never contains a symlink except,
 * when the caller asked not to follow, as its last component.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Errno, fail } from './errno.js';

/** Symlinks followed in one resolution before giving up with ELOOP (Linux uses 40). */
const MAX_SYMLINKS = 40;

export interface ResolvedPath {
  /** The host path to operate on. */
  readonly host: string;
  /** Components below the directory (empty for the directory itself). */
  readonly rel: readonly string[];
}

function hostOf(root: string, rel: readonly string[]): string {
  return rel.length === 0 ? root : nodePath.join(root, ...rel);
}

function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    throw e;
  }
}

/** Checks the guest path for things no host call should ever see. */
function checkGuestPath(guestPath: string): void {
  if (guestPath.length === 0) fail(Errno.NOENT, 'empty path');
  if (guestPath.includes('\0')) fail(Errno.INVAL, 'NUL in path');
  if (guestPath.startsWith('/')) fail(Errno.NOTCAPABLE, `absolute path ${guestPath}`);
}

/**
 * Resolves `guestPath` below host directory `root`. With `followLast` false a symlink in the last
 * position is left in place (for unlink, readlink, lstat, rename...). A trailing slash or `/.`
 * forces the last component to be followed, as POSIX does.
 */
export function resolvePath(root: string, guestPath: string, followLast: boolean): ResolvedPath {
  checkGuestPath(guestPath);
  const pending = guestPath.split('/');
  const rel: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const comp = pending.shift()!;
    if (comp === '' || comp === '.') continue;
    if (comp === '..') {
      if (rel.length === 0) fail(Errno.NOTCAPABLE, `${guestPath} escapes its directory`);
      rel.pop();
      continue;
    }
    rel.push(comp);
    const isLast = pending.length === 0;
    if (isLast && !followLast) break;
    const st = lstatOrNull(hostOf(root, rel));
    if (st === null) {
      // A missing final component is fine (the caller may create it); a missing directory is not.
      if (pending.every((c) => c === '' || c === '.')) break;
      fail(Errno.NOENT, `${rel.join('/')} does not exist`);
    }
    if (st.isSymbolicLink()) {
      if (++links > MAX_SYMLINKS) fail(Errno.LOOP, `too many symlinks in ${guestPath}`);
      const target = fs.readlinkSync(hostOf(root, rel));
      if (target.startsWith('/')) fail(Errno.NOTCAPABLE, `symlink ${rel.join('/')} is absolute`);
      rel.pop();
      pending.unshift(...target.split('/'));
      continue;
    }
    if (!isLast && !st.isDirectory()) fail(Errno.NOTDIR, `${rel.join('/')} is not a directory`);
  }
  return { host: hostOf(root, rel), rel };
}

/**
 * Checks that a symlink with contents `target`, created at `linkRel` (components below the
 * directory), would point inside the directory. Links are still checked again when followed; this
 * refuses to create ones that could only ever be escapes.
 */
export function checkSymlinkTarget(target: string, linkRel: readonly string[]): void {
  if (target.length === 0) fail(Errno.NOENT, 'empty symlink target');
  if (target.startsWith('/')) fail(Errno.NOTCAPABLE, `absolute symlink target ${target}`);
  const at = linkRel.slice(0, -1);
  for (const comp of target.split('/')) {
    if (comp === '' || comp === '.') continue;
    if (comp === '..') {
      if (at.length === 0) fail(Errno.NOTCAPABLE, `symlink target ${target} escapes its directory`);
      at.pop();
    } else {
      at.push(comp);
    }
  }
}

/**
 * Re-checks, after the fact, that an opened host descriptor really is inside `root` — closing the
 * window in which another host process could swap a checked directory for a symlink between our
 * component walk and the open. Uses Linux's /proc/self/fd; elsewhere the walk alone is the check.
 */
export function confirmInside(hostFd: number, root: string): void {
  let real: string;
  try {
    real = fs.readlinkSync(`/proc/self/fd/${hostFd}`);
  } catch {
    return; // no /proc: nothing more to check with
  }
  if (real !== root && !real.startsWith(root.endsWith('/') ? root : `${root}/`)) {
    fail(Errno.NOTCAPABLE, `opened file lies outside its directory (${real})`);
  }
}
