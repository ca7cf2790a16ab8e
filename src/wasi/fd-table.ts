/**
 * The guest's file descriptor table: stdio streams, preopened directories and the files and
 * directories the guest opened below them. Each entry carries its WASI rights; a call names the rights
 * it needs and `get` refuses with ENOTCAPABLE when the descriptor lacks them.
 */
import * as fs from 'node:fs';
import { DIR_RIGHTS, FILE_RIGHTS, FileType, STREAM_RIGHTS, WRITE_RIGHTS } from './abi.js';
import { Errno, fail } from './errno.js';

interface EntryBase {
  filetype: number;
  rightsBase: bigint;
  rightsInheriting: bigint;
  fdflags: number;
}

/** stdin/stdout/stderr: host descriptors used with the host's own file position; never closed by us. */
export interface StreamEntry extends EntryBase {
  readonly kind: 'stream';
  readonly hostFd: number;
  /** Input already taken from the host while poll_oneoff checked readiness; fd_read serves it first. */
  pending?: Uint8Array;
  /** A non-blocking descriptor onto the same pipe or terminal, for those checks (null: none possible). */
  peekFd?: number | null;
}

/** A file opened by path_open. Node has no lseek, so the position is tracked here and every read and write is positional. */
export interface FileEntry extends EntryBase {
  readonly kind: 'file';
  readonly hostFd: number;
  position: bigint;
}

/** A directory: a preopen or one opened below it. Paths given with it are confined to `hostPath`. */
export interface DirEntry extends EntryBase {
  readonly kind: 'dir';
  readonly hostPath: string;
  /** Set below a read-only preopen: nothing under it may be modified, whatever rights are asked for. */
  readonly readOnly: boolean;
  /** The guest-visible name when this is a preopen (fd_prestat_get), else undefined. */
  readonly preopenName?: string;
  /**
   * The entry names fd_readdir is serving, read when a listing starts (cookie 0) and reused while
   * the guest pages through it, so listing a large directory stays linear.
   */
  listing?: string[];
}

export type FdEntry = StreamEntry | FileEntry | DirEntry;

export interface PreopenSpec {
  guestPath: string;
  hostPath: string;
  readOnly: boolean;
}

/** The WASI filetype of host stats (FIFOs and sockets both read as stream sockets, as uvwasi does). */
export function filetypeOfStats(st: fs.Stats | fs.BigIntStats): number {
  if (st.isFile()) return FileType.REGULAR_FILE;
  if (st.isDirectory()) return FileType.DIRECTORY;
  if (st.isCharacterDevice()) return FileType.CHARACTER_DEVICE;
  if (st.isBlockDevice()) return FileType.BLOCK_DEVICE;
  if (st.isSymbolicLink()) return FileType.SYMBOLIC_LINK;
  if (st.isSocket() || st.isFIFO()) return FileType.SOCKET_STREAM;
  return FileType.UNKNOWN;
}

/** The rights a directory gets below a preopen with the given mode. */
export function dirRights(readOnly: boolean): { base: bigint; inheriting: bigint } {
  const mask = readOnly ? ~WRITE_RIGHTS : ~0n;
  return { base: DIR_RIGHTS & mask, inheriting: (DIR_RIGHTS | FILE_RIGHTS) & mask };
}

export class FdTable {
  private readonly entries = new Map<number, FdEntry>();

  constructor(stdio: [number, number, number], preopens: PreopenSpec[]) {
    stdio.forEach((hostFd, fd) => this.entries.set(fd, FdTable.streamEntry(hostFd)));
    for (const p of preopens) this.allocate(FdTable.dirEntry(FdTable.preopenRoot(p.hostPath), p.readOnly, p.guestPath));
  }

  /** The canonical host path of a directory to preopen (confinement compares against it). */
  private static preopenRoot(hostPath: string): string {
    let st: fs.Stats;
    try {
      st = fs.statSync(hostPath);
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new Error(`cannot preopen ${hostPath}: ${code === 'ENOENT' ? 'no such directory' : code ?? String(e)}`);
    }
    if (!st.isDirectory()) throw new Error(`cannot preopen ${hostPath}: not a directory`);
    return fs.realpathSync(hostPath);
  }

  private static streamEntry(hostFd: number): StreamEntry {
    let filetype: number = FileType.CHARACTER_DEVICE;
    try {
      filetype = filetypeOfStats(fs.fstatSync(hostFd));
    } catch {
      // A closed or unknown host descriptor still gets an entry; its I/O will report the host error.
    }
    return { kind: 'stream', hostFd, filetype, rightsBase: STREAM_RIGHTS, rightsInheriting: 0n, fdflags: 0 };
  }

  static dirEntry(hostPath: string, readOnly: boolean, preopenName?: string): DirEntry {
    const r = dirRights(readOnly);
    return {
      kind: 'dir', hostPath, readOnly, preopenName, filetype: FileType.DIRECTORY,
      rightsBase: r.base, rightsInheriting: r.inheriting, fdflags: 0,
    };
  }

  /** The entry for fd, which must hold every right in `needed`. */
  get(fd: number, needed: bigint = 0n): FdEntry {
    const e = this.entries.get(fd);
    if (!e) fail(Errno.BADF, `fd ${fd}`);
    if ((e.rightsBase & needed) !== needed) fail(Errno.NOTCAPABLE, `fd ${fd} lacks rights`);
    return e;
  }

  getDir(fd: number, needed: bigint = 0n): DirEntry {
    const e = this.get(fd, needed);
    if (e.kind !== 'dir') fail(Errno.NOTDIR, `fd ${fd} is not a directory`);
    return e;
  }

  /** Installs an entry at the lowest free descriptor number (as POSIX open does). */
  allocate(e: FdEntry): number {
    let fd = 0;
    while (this.entries.has(fd)) fd++;
    this.entries.set(fd, e);
    return fd;
  }

  close(fd: number): void {
    const e = this.get(fd);
    this.entries.delete(fd);
    if (e.kind === 'file') fs.closeSync(e.hostFd);
    if (e.kind === 'stream' && typeof e.peekFd === 'number') fs.closeSync(e.peekFd);
  }

  /** fd_renumber: `to` must be open; it is closed and `from` takes its number. */
  renumber(from: number, to: number): void {
    const e = this.get(from);
    this.get(to);
    if (from === to) return;
    this.close(to);
    this.entries.delete(from);
    this.entries.set(to, e);
  }

  /** Closes every host descriptor we opened (stdio is left alone). */
  closeAll(): void {
    for (const [fd, e] of this.entries) {
      const own = e.kind === 'file' ? e.hostFd : e.kind === 'stream' ? e.peekFd : null;
      if (typeof own === 'number') {
        try { fs.closeSync(own); } catch { /* already gone */ }
      }
      this.entries.delete(fd);
    }
  }
}
