/**
 * The path_* calls. Every guest path goes through resolvePath against the directory descriptor it
 * came with, so the host only ever sees symlink-free paths inside that directory (see path.ts), and
 * host calls that could follow a link themselves are given O_NOFOLLOW or their l-variant.
 */
import * as fs from 'node:fs';
import { DIR_RIGHTS, FILE_RIGHTS, FdFlags, LookupFlags, OFlags, Rights } from './abi.js';
import type { WasiCalls, WasiContext } from './context.js';
import { Errno, fail } from './errno.js';
import { FdTable, filetypeOfStats, type DirEntry } from './fd-table.js';
import { timesToSet, writeFilestat } from './filestat.js';
import { checkSymlinkTarget, confirmInside, resolvePath, type ResolvedPath } from './path.js';

const C = fs.constants;

/** Operations that would remove, rename or link the directory descriptor itself are refused. */
function requireBelow(r: ResolvedPath, errno: number): ResolvedPath {
  if (r.rel.length === 0) fail(errno, 'the directory itself');
  return r;
}

/**
 * Host open(2) flags for a path_open request. APPEND is emulated (see fd_write), so never passed.
 * O_NONBLOCK keeps a FIFO in the sandbox from hanging the open itself (it changes nothing for files
 * and directories; reads from a FIFO then wait out EAGAIN in host-io.ts).
 */
function hostOpenFlags(oflags: number, fdflags: number, read: boolean, write: boolean): number {
  let flags = C.O_NOFOLLOW | C.O_NONBLOCK | (write ? (read ? C.O_RDWR : C.O_WRONLY) : C.O_RDONLY);
  if (oflags & OFlags.CREAT) flags |= C.O_CREAT;
  if (oflags & OFlags.EXCL) flags |= C.O_EXCL;
  if (oflags & OFlags.TRUNC) flags |= C.O_TRUNC;
  if (oflags & OFlags.DIRECTORY) flags |= C.O_DIRECTORY;
  if (fdflags & (FdFlags.SYNC | FdFlags.RSYNC)) flags |= C.O_SYNC;
  if (fdflags & FdFlags.DSYNC) flags |= C.O_DSYNC;
  return flags;
}

export function pathCalls(ctx: WasiContext): WasiCalls {
  const { mem, fds } = ctx;
  const str = (ptr: number, len: number) => mem.readString(ptr, len);
  /** Resolves a guest path against dirfd, which must hold `rights`. */
  const resolveAt = (dirfd: number, rights: bigint, ptr: number, len: number, follow: boolean) =>
    resolvePath(fds.getDir(dirfd, rights).hostPath, str(ptr, len), follow);

  return {
    path_open(
      dirfd: number, dirflags: number, pathPtr: number, pathLen: number, oflags: number,
      base: bigint, inheriting: bigint, fdflags: number, fdPtr: number,
    ): number {
      let needed = Rights.PATH_OPEN;
      if (oflags & OFlags.CREAT) needed |= Rights.PATH_CREATE_FILE;
      if (oflags & OFlags.TRUNC) needed |= Rights.PATH_FILESTAT_SET_SIZE;
      const d: DirEntry = fds.getDir(dirfd, needed);
      // Rights beyond what the directory passes on are dropped (wasi-libc asks for "everything it
      // may have"), except write access, which must fail loudly rather than turn into read-only.
      const wantsWrite = (base & Rights.FD_WRITE) !== 0n || (fdflags & FdFlags.APPEND) !== 0;
      if (wantsWrite && ((d.rightsInheriting & Rights.FD_WRITE) === 0n || d.readOnly)) {
        fail(Errno.NOTCAPABLE, 'write access below a read-only directory');
      }
      const newBase = base & d.rightsInheriting;
      const newInheriting = inheriting & d.rightsInheriting;

      const exclusive = (oflags & OFlags.CREAT) !== 0 && (oflags & OFlags.EXCL) !== 0;
      const follow = (dirflags & LookupFlags.SYMLINK_FOLLOW) !== 0 && !exclusive;
      const r = resolvePath(d.hostPath, str(pathPtr, pathLen), follow);

      const read = (newBase & (Rights.FD_READ | Rights.FD_READDIR)) !== 0n;
      const write = (newBase & Rights.FD_WRITE) !== 0n;
      const hostFd = fs.openSync(r.host, hostOpenFlags(oflags, fdflags, read, write));
      let st: fs.Stats;
      try {
        confirmInside(hostFd, d.hostPath);
        st = fs.fstatSync(hostFd);
      } catch (e) {
        fs.closeSync(hostFd);
        throw e;
      }
      if (st.isDirectory()) {
        // Directories are used by path (every path call resolves below it), not by host descriptor.
        fs.closeSync(hostFd);
        const dir = FdTable.dirEntry(r.host, d.readOnly);
        dir.rightsBase &= newBase & DIR_RIGHTS;
        dir.rightsInheriting &= newInheriting;
        mem.setU32(fdPtr, fds.allocate(dir));
        return Errno.SUCCESS;
      }
      const fd = fds.allocate({
        kind: 'file', hostFd, position: 0n, filetype: filetypeOfStats(st),
        rightsBase: newBase & FILE_RIGHTS, rightsInheriting: newInheriting, fdflags: fdflags & 0x1f,
      });
      mem.setU32(fdPtr, fd);
      return Errno.SUCCESS;
    },

    path_create_directory(dirfd: number, pathPtr: number, pathLen: number): number {
      const r = requireBelow(resolveAt(dirfd, Rights.PATH_CREATE_DIRECTORY, pathPtr, pathLen, false), Errno.EXIST);
      fs.mkdirSync(r.host);
      return Errno.SUCCESS;
    },

    path_filestat_get(dirfd: number, flags: number, pathPtr: number, pathLen: number, buf: number): number {
      const follow = (flags & LookupFlags.SYMLINK_FOLLOW) !== 0;
      const r = resolveAt(dirfd, Rights.PATH_FILESTAT_GET, pathPtr, pathLen, follow);
      // lstat even when following: resolution already replaced a final symlink by its target.
      writeFilestat(mem, buf, fs.lstatSync(r.host, { bigint: true }));
      return Errno.SUCCESS;
    },

    path_filestat_set_times(
      dirfd: number, flags: number, pathPtr: number, pathLen: number, atim: bigint, mtim: bigint, fst: number,
    ): number {
      const follow = (flags & LookupFlags.SYMLINK_FOLLOW) !== 0;
      const r = resolveAt(dirfd, Rights.PATH_FILESTAT_SET_TIMES, pathPtr, pathLen, follow);
      const t = timesToSet(atim, mtim, fst, () => fs.lstatSync(r.host, { bigint: true }));
      fs.lutimesSync(r.host, t.atime, t.mtime);
      return Errno.SUCCESS;
    },

    path_link(
      oldfd: number, oldflags: number, oldPtr: number, oldLen: number, newfd: number, newPtr: number, newLen: number,
    ): number {
      const follow = (oldflags & LookupFlags.SYMLINK_FOLLOW) !== 0;
      const from = requireBelow(resolveAt(oldfd, Rights.PATH_LINK_SOURCE, oldPtr, oldLen, follow), Errno.PERM);
      const to = requireBelow(resolveAt(newfd, Rights.PATH_LINK_TARGET, newPtr, newLen, false), Errno.EXIST);
      fs.linkSync(from.host, to.host);
      return Errno.SUCCESS;
    },

    path_readlink(dirfd: number, pathPtr: number, pathLen: number, buf: number, bufLen: number, usedPtr: number): number {
      const r = resolveAt(dirfd, Rights.PATH_READLINK, pathPtr, pathLen, false);
      const target = fs.readlinkSync(r.host, { encoding: 'buffer' });
      const n = Math.min(target.length, bufLen);
      mem.write(buf, target.subarray(0, n));
      mem.setU32(usedPtr, n);
      return Errno.SUCCESS;
    },

    path_remove_directory(dirfd: number, pathPtr: number, pathLen: number): number {
      const r = requireBelow(resolveAt(dirfd, Rights.PATH_REMOVE_DIRECTORY, pathPtr, pathLen, false), Errno.INVAL);
      fs.rmdirSync(r.host);
      return Errno.SUCCESS;
    },

    path_rename(oldfd: number, oldPtr: number, oldLen: number, newfd: number, newPtr: number, newLen: number): number {
      const from = requireBelow(resolveAt(oldfd, Rights.PATH_RENAME_SOURCE, oldPtr, oldLen, false), Errno.INVAL);
      const to = requireBelow(resolveAt(newfd, Rights.PATH_RENAME_TARGET, newPtr, newLen, false), Errno.INVAL);
      fs.renameSync(from.host, to.host);
      return Errno.SUCCESS;
    },

    path_symlink(targetPtr: number, targetLen: number, dirfd: number, pathPtr: number, pathLen: number): number {
      const target = str(targetPtr, targetLen);
      const r = requireBelow(resolveAt(dirfd, Rights.PATH_SYMLINK, pathPtr, pathLen, false), Errno.EXIST);
      checkSymlinkTarget(target, r.rel);
      fs.symlinkSync(target, r.host);
      return Errno.SUCCESS;
    },

    path_unlink_file(dirfd: number, pathPtr: number, pathLen: number): number {
      const r = requireBelow(resolveAt(dirfd, Rights.PATH_UNLINK_FILE, pathPtr, pathLen, false), Errno.ISDIR);
      fs.unlinkSync(r.host);
      return Errno.SUCCESS;
    },
  };
}
