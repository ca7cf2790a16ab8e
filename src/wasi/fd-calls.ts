/** The fd_* calls: I/O, metadata and bookkeeping on open descriptors. */
import * as fs from 'node:fs';
import { FdFlags, PREOPEN_TYPE_DIR, Rights, Whence } from './abi.js';
import type { WasiCalls, WasiContext } from './context.js';
import { Errno, fail } from './errno.js';
import { filetypeOfStats, type FdEntry, type FileEntry } from './fd-table.js';
import { timesToSet, writeFilestat } from './filestat.js';
import { hostRead, hostWrite } from './host-io.js';
import { GuestMemory } from './memory.js';
import { takePending } from './stream-peek.js';

const DIRENT_HEADER = 24;

function requireFile(e: FdEntry): FileEntry {
  if (e.kind === 'file') return e;
  return fail(e.kind === 'dir' ? Errno.ISDIR : Errno.SPIPE);
}

function statOf(e: FdEntry): fs.BigIntStats {
  return e.kind === 'dir' ? fs.statSync(e.hostPath, { bigint: true }) : fs.fstatSync(e.hostFd, { bigint: true });
}

/** Reads into consecutive buffers until one comes back short; returns the total. */
function readInto(bufs: Uint8Array[], readOne: (buf: Uint8Array, done: number) => number): number {
  let total = 0;
  for (const buf of bufs) {
    const n = readOne(buf, total);
    total += n;
    if (n < buf.length) break;
  }
  return total;
}

/** Gathers a ciovec list into one buffer so a write is a single host call (keeps pipe writes atomic). */
function gather(bufs: Uint8Array[]): Uint8Array {
  if (bufs.length === 1) return bufs[0]!.slice();
  const out = new Uint8Array(bufs.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bufs) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/**
 * Inode and type of one listed entry, looked up only when the entry is served. `..` describes the
 * directory itself: its parent lies outside the capability.
 */
function direntInfo(hostPath: string, name: string): { ino: bigint; type: number } {
  try {
    const st = fs.lstatSync(name === '..' ? hostPath : `${hostPath}/${name}`, { bigint: true });
    return { ino: st.ino, type: filetypeOfStats(st) };
  } catch {
    return { ino: 0n, type: 0 }; // vanished since the listing was read
  }
}

export function fdCalls(ctx: WasiContext): WasiCalls {
  const { mem, fds } = ctx;
  return {
    fd_advise(fd: number, _offset: bigint, _len: bigint, advice: number): number {
      fds.get(fd, Rights.FD_ADVISE);
      if (advice > 5) fail(Errno.INVAL, `advice ${advice}`);
      return Errno.SUCCESS; // advice is only a hint; Node offers no posix_fadvise
    },

    fd_allocate(fd: number, offset: bigint, len: bigint): number {
      const f = requireFile(fds.get(fd, Rights.FD_ALLOCATE));
      const end = offset + len;
      if (end > fs.fstatSync(f.hostFd, { bigint: true }).size) fs.ftruncateSync(f.hostFd, Number(end));
      return Errno.SUCCESS;
    },

    fd_close(fd: number): number {
      fds.close(fd);
      return Errno.SUCCESS;
    },

    fd_datasync(fd: number): number {
      const e = fds.get(fd, Rights.FD_DATASYNC);
      if (e.kind === 'file') fs.fdatasyncSync(e.hostFd);
      return Errno.SUCCESS;
    },

    fd_sync(fd: number): number {
      const e = fds.get(fd, Rights.FD_SYNC);
      if (e.kind === 'file') fs.fsyncSync(e.hostFd);
      return Errno.SUCCESS;
    },

    fd_fdstat_get(fd: number, ptr: number): number {
      const e = fds.get(fd);
      mem.zero(ptr, 24);
      mem.setU8(ptr, e.filetype);
      mem.setU16(ptr + 2, e.fdflags);
      mem.setU64(ptr + 8, e.rightsBase);
      mem.setU64(ptr + 16, e.rightsInheriting);
      return Errno.SUCCESS;
    },

    fd_fdstat_set_flags(fd: number, flags: number): number {
      const e = fds.get(fd, Rights.FD_FDSTAT_SET_FLAGS);
      if (flags & ~0x1f) fail(Errno.INVAL, 'unknown fdflags');
      // APPEND is emulated by fd_write; the sync flags and NONBLOCK are recorded but every write is
      // already synchronous from the guest's point of view.
      e.fdflags = flags;
      return Errno.SUCCESS;
    },

    fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint): number {
      const e = fds.get(fd);
      // Rights can only be dropped, never gained.
      if ((base & ~e.rightsBase) !== 0n || (inheriting & ~e.rightsInheriting) !== 0n) fail(Errno.NOTCAPABLE);
      e.rightsBase = base;
      e.rightsInheriting = inheriting;
      return Errno.SUCCESS;
    },

    fd_filestat_get(fd: number, ptr: number): number {
      writeFilestat(mem, ptr, statOf(fds.get(fd, Rights.FD_FILESTAT_GET)));
      return Errno.SUCCESS;
    },

    fd_filestat_set_size(fd: number, size: bigint): number {
      const f = requireFile(fds.get(fd, Rights.FD_FILESTAT_SET_SIZE));
      if (size > BigInt(Number.MAX_SAFE_INTEGER)) fail(Errno.FBIG);
      fs.ftruncateSync(f.hostFd, Number(size));
      return Errno.SUCCESS;
    },

    fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number): number {
      const e = fds.get(fd, Rights.FD_FILESTAT_SET_TIMES);
      const t = timesToSet(atim, mtim, flags, () => statOf(e));
      if (e.kind === 'dir') fs.utimesSync(e.hostPath, t.atime, t.mtime);
      else fs.futimesSync(e.hostFd, t.atime, t.mtime);
      return Errno.SUCCESS;
    },

    fd_pread(fd: number, iovs: number, iovsLen: number, offset: bigint, nreadPtr: number): number {
      const f = requireFile(fds.get(fd));
      fds.get(fd, Rights.FD_READ | Rights.FD_SEEK);
      const n = readInto(mem.iovecs(iovs, iovsLen), (buf, done) => hostRead(f.hostFd, buf, offset + BigInt(done)));
      mem.setU32(nreadPtr, n);
      return Errno.SUCCESS;
    },

    fd_pwrite(fd: number, iovs: number, iovsLen: number, offset: bigint, nwrittenPtr: number): number {
      const f = requireFile(fds.get(fd));
      fds.get(fd, Rights.FD_WRITE | Rights.FD_SEEK);
      mem.setU32(nwrittenPtr, hostWrite(f.hostFd, gather(mem.iovecs(iovs, iovsLen)), offset));
      return Errno.SUCCESS;
    },

    fd_read(fd: number, iovs: number, iovsLen: number, nreadPtr: number): number {
      const e = fds.get(fd);
      if (e.kind === 'dir') fail(Errno.ISDIR);
      fds.get(fd, Rights.FD_READ);
      const bufs = mem.iovecs(iovs, iovsLen);
      let n: number;
      if (e.kind === 'file') {
        n = readInto(bufs, (buf, done) => hostRead(e.hostFd, buf, e.position + BigInt(done)));
        e.position += BigInt(n);
      } else {
        // Input poll_oneoff already took from the host comes first; then read as usual.
        n = takePending(e, bufs) || readInto(bufs, (buf) => hostRead(e.hostFd, buf, null));
      }
      mem.setU32(nreadPtr, n);
      return Errno.SUCCESS;
    },

    fd_write(fd: number, iovs: number, iovsLen: number, nwrittenPtr: number): number {
      const e = fds.get(fd);
      if (e.kind === 'dir') fail(Errno.ISDIR);
      fds.get(fd, Rights.FD_WRITE);
      const data = gather(mem.iovecs(iovs, iovsLen));
      let n: number;
      if (e.kind === 'file') {
        if (e.fdflags & FdFlags.APPEND) e.position = fs.fstatSync(e.hostFd, { bigint: true }).size;
        n = hostWrite(e.hostFd, data, e.position);
        e.position += BigInt(n);
      } else {
        n = hostWrite(e.hostFd, data, null);
      }
      mem.setU32(nwrittenPtr, n);
      return Errno.SUCCESS;
    },

    fd_prestat_get(fd: number, ptr: number): number {
      const e = fds.get(fd);
      if (e.kind !== 'dir' || e.preopenName === undefined) fail(Errno.BADF, `fd ${fd} is not a preopen`);
      mem.zero(ptr, 8);
      mem.setU8(ptr, PREOPEN_TYPE_DIR);
      mem.setU32(ptr + 4, GuestMemory.encode(e.preopenName).length);
      return Errno.SUCCESS;
    },

    fd_prestat_dir_name(fd: number, pathPtr: number, pathLen: number): number {
      const e = fds.get(fd);
      if (e.kind !== 'dir' || e.preopenName === undefined) fail(Errno.BADF, `fd ${fd} is not a preopen`);
      const name = GuestMemory.encode(e.preopenName);
      if (pathLen < name.length) fail(Errno.NOBUFS);
      mem.write(pathPtr, name);
      return Errno.SUCCESS;
    },

    fd_readdir(fd: number, buf: number, bufLen: number, cookie: bigint, usedPtr: number): number {
      const d = fds.getDir(fd, Rights.FD_READDIR);
      const out = mem.bytes(buf, bufLen);
      let used = 0;
      // Cookies are indices into the listing (`.` and `..` first); cookie 0 starts a fresh one.
      if (cookie === 0n || d.listing === undefined) d.listing = ['.', '..', ...fs.readdirSync(d.hostPath)];
      const entries = d.listing;
      for (let i = Number(cookie); i < entries.length && used < bufLen; i++) {
        const info = direntInfo(d.hostPath, entries[i]!);
        const name = GuestMemory.encode(entries[i]!);
        const rec = new Uint8Array(DIRENT_HEADER + name.length);
        const v = new DataView(rec.buffer);
        v.setBigUint64(0, BigInt(i + 1), true);
        v.setBigUint64(8, info.ino, true);
        v.setUint32(16, name.length, true);
        v.setUint8(20, info.type);
        rec.set(name, DIRENT_HEADER);
        // A record that does not fit is cut off; a full buffer tells the guest to call again.
        const n = Math.min(rec.length, bufLen - used);
        out.set(rec.subarray(0, n), used);
        used += n;
      }
      mem.setU32(usedPtr, used);
      return Errno.SUCCESS;
    },

    fd_renumber(from: number, to: number): number {
      fds.renumber(from, to);
      return Errno.SUCCESS;
    },

    fd_seek(fd: number, offset: bigint, whence: number, newOffsetPtr: number): number {
      const signed = BigInt.asIntN(64, offset);
      const tellOnly = signed === 0n && whence === Whence.CUR;
      const f = requireFile(fds.get(fd));
      fds.get(fd, tellOnly ? Rights.FD_TELL : Rights.FD_SEEK);
      let base: bigint;
      switch (whence) {
        case Whence.SET: base = 0n; break;
        case Whence.CUR: base = f.position; break;
        case Whence.END: base = fs.fstatSync(f.hostFd, { bigint: true }).size; break;
        default: return fail(Errno.INVAL, `whence ${whence}`);
      }
      const pos = base + signed;
      if (pos < 0n) fail(Errno.INVAL, 'negative position');
      f.position = pos;
      mem.setU64(newOffsetPtr, pos);
      return Errno.SUCCESS;
    },

    fd_tell(fd: number, offsetPtr: number): number {
      const f = requireFile(fds.get(fd));
      fds.get(fd, Rights.FD_TELL);
      mem.setU64(offsetPtr, f.position);
      return Errno.SUCCESS;
    },
  };
}
