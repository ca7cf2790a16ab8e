/**
 * WASI preview1 ABI constants and struct layouts (from the witx definitions of
 * wasi_snapshot_preview1). Only numbers live here; behaviour lives in the call files.
 */

export const FileType = {
  UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4,
  SOCKET_DGRAM: 5, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7,
} as const;

export const FdFlags = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;
export const OFlags = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;
export const LookupFlags = { SYMLINK_FOLLOW: 1 } as const;
export const FstFlags = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 } as const;
export const Whence = { SET: 0, CUR: 1, END: 2 } as const;
export const ClockId = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME: 2, THREAD_CPUTIME: 3 } as const;
export const EventType = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 } as const;
export const SubClockFlags = { ABSTIME: 1 } as const;
export const PREOPEN_TYPE_DIR = 0;

/** Rights bits, in witx order (bit i is the i-th right). */
const RIGHT_NAMES = [
  'FD_DATASYNC', 'FD_READ', 'FD_SEEK', 'FD_FDSTAT_SET_FLAGS', 'FD_SYNC', 'FD_TELL', 'FD_WRITE',
  'FD_ADVISE', 'FD_ALLOCATE', 'PATH_CREATE_DIRECTORY', 'PATH_CREATE_FILE', 'PATH_LINK_SOURCE',
  'PATH_LINK_TARGET', 'PATH_OPEN', 'FD_READDIR', 'PATH_READLINK', 'PATH_RENAME_SOURCE',
  'PATH_RENAME_TARGET', 'PATH_FILESTAT_GET', 'PATH_FILESTAT_SET_SIZE', 'PATH_FILESTAT_SET_TIMES',
  'FD_FILESTAT_GET', 'FD_FILESTAT_SET_SIZE', 'FD_FILESTAT_SET_TIMES', 'PATH_SYMLINK',
  'PATH_REMOVE_DIRECTORY', 'PATH_UNLINK_FILE', 'POLL_FD_READWRITE', 'SOCK_SHUTDOWN', 'SOCK_ACCEPT',
] as const;

export type RightName = (typeof RIGHT_NAMES)[number];

export const Rights = Object.freeze(
  Object.fromEntries(RIGHT_NAMES.map((n, i) => [n, 1n << BigInt(i)])) as { readonly [K in RightName]: bigint },
);

function rightsOf(...names: RightName[]): bigint {
  return names.reduce((acc, n) => acc | Rights[n], 0n);
}

/** Rights that modify the file system, removed from everything below a read-only preopen. */
export const WRITE_RIGHTS = rightsOf(
  'FD_DATASYNC', 'FD_WRITE', 'FD_ALLOCATE', 'FD_FILESTAT_SET_SIZE', 'FD_FILESTAT_SET_TIMES',
  'PATH_CREATE_DIRECTORY', 'PATH_CREATE_FILE', 'PATH_LINK_SOURCE', 'PATH_LINK_TARGET',
  'PATH_RENAME_SOURCE', 'PATH_RENAME_TARGET', 'PATH_FILESTAT_SET_SIZE', 'PATH_FILESTAT_SET_TIMES',
  'PATH_SYMLINK', 'PATH_REMOVE_DIRECTORY', 'PATH_UNLINK_FILE',
);

/** Rights meaningful on a regular file. */
export const FILE_RIGHTS = rightsOf(
  'FD_DATASYNC', 'FD_READ', 'FD_SEEK', 'FD_FDSTAT_SET_FLAGS', 'FD_SYNC', 'FD_TELL', 'FD_WRITE',
  'FD_ADVISE', 'FD_ALLOCATE', 'FD_FILESTAT_GET', 'FD_FILESTAT_SET_SIZE', 'FD_FILESTAT_SET_TIMES',
  'POLL_FD_READWRITE',
);

/** Rights meaningful on a directory. */
export const DIR_RIGHTS = rightsOf(
  'FD_FDSTAT_SET_FLAGS', 'FD_SYNC', 'FD_ADVISE', 'PATH_CREATE_DIRECTORY', 'PATH_CREATE_FILE',
  'PATH_LINK_SOURCE', 'PATH_LINK_TARGET', 'PATH_OPEN', 'FD_READDIR', 'PATH_READLINK',
  'PATH_RENAME_SOURCE', 'PATH_RENAME_TARGET', 'PATH_FILESTAT_GET', 'PATH_FILESTAT_SET_SIZE',
  'PATH_FILESTAT_SET_TIMES', 'FD_FILESTAT_GET', 'FD_FILESTAT_SET_TIMES', 'PATH_SYMLINK',
  'PATH_REMOVE_DIRECTORY', 'PATH_UNLINK_FILE',
);

/** Rights of a stream (tty, pipe): no seeking, which is also how wasi-libc's isatty tells a tty. */
export const STREAM_RIGHTS = rightsOf(
  'FD_READ', 'FD_WRITE', 'FD_FDSTAT_SET_FLAGS', 'FD_SYNC', 'FD_DATASYNC', 'FD_ADVISE',
  'FD_FILESTAT_GET', 'POLL_FD_READWRITE',
);

/** Byte sizes of the structs the calls write. */
export const SIZE = {
  iovec: 8, fdstat: 24, filestat: 64, prestat: 8, dirent: 24, subscription: 48, event: 32,
} as const;
