/**
 * WASI preview1 errno values and the mapping from host (Node/libuv) error codes.
 *
 * The preview1 errno enum is the POSIX list in a fixed order (see the witx `errno` type), so it is
 * written once as a name list: the index of a name is its value, and the host code `E<NAME>` maps to
 * it. ENOTCAPABLE is WASI's own: "the capability you hold does not allow this" (sandbox escapes,
 * missing rights), and has no host counterpart.
 */

const NAMES = [
  'SUCCESS', '2BIG', 'ACCES', 'ADDRINUSE', 'ADDRNOTAVAIL', 'AFNOSUPPORT', 'AGAIN', 'ALREADY', 'BADF',
  'BADMSG', 'BUSY', 'CANCELED', 'CHILD', 'CONNABORTED', 'CONNREFUSED', 'CONNRESET', 'DEADLK',
  'DESTADDRREQ', 'DOM', 'DQUOT', 'EXIST', 'FAULT', 'FBIG', 'HOSTUNREACH', 'IDRM', 'ILSEQ',
  'INPROGRESS', 'INTR', 'INVAL', 'IO', 'ISCONN', 'ISDIR', 'LOOP', 'MFILE', 'MLINK', 'MSGSIZE',
  'MULTIHOP', 'NAMETOOLONG', 'NETDOWN', 'NETRESET', 'NETUNREACH', 'NFILE', 'NOBUFS', 'NODEV', 'NOENT',
  'NOEXEC', 'NOLCK', 'NOLINK', 'NOMEM', 'NOMSG', 'NOPROTOOPT', 'NOSPC', 'NOSYS', 'NOTCONN', 'NOTDIR',
  'NOTEMPTY', 'NOTRECOVERABLE', 'NOTSOCK', 'NOTSUP', 'NOTTY', 'NXIO', 'OVERFLOW', 'OWNERDEAD', 'PERM',
  'PIPE', 'PROTO', 'PROTONOSUPPORT', 'PROTOTYPE', 'RANGE', 'ROFS', 'SPIPE', 'SRCH', 'STALE',
  'TIMEDOUT', 'TXTBSY', 'XDEV', 'NOTCAPABLE',
] as const;

export type ErrnoName = (typeof NAMES)[number];

/** Errno values by name: `Errno.NOENT === 44`. */
export const Errno = Object.freeze(
  Object.fromEntries(NAMES.map((n, i) => [n, i])) as { readonly [K in ErrnoName]: number },
);

/** The name of an errno value ('NOENT'), for messages and tests. */
export function errnoName(errno: number): string {
  return NAMES[errno] ?? `errno ${errno}`;
}

/** Host error codes that are spelled differently from the WASI name. */
const HOST_ALIASES: Record<string, number> = {
  EWOULDBLOCK: Errno.AGAIN,
  EOPNOTSUPP: Errno.NOTSUP,
  ENOTSUP: Errno.NOTSUP,
  ERR_FS_FILE_TOO_LARGE: Errno.FBIG,
  ERR_OUT_OF_RANGE: Errno.INVAL,
  ERR_INVALID_ARG_VALUE: Errno.INVAL,
};

const BY_HOST_CODE: Map<string, number> = new Map(NAMES.map((n, i) => [`E${n}`, i] as [string, number]));

/**
 * A WASI error raised inside a host function. The import wrapper turns it into the return value,
 * which keeps the call implementations free of "if (err) return err" plumbing.
 */
export class WasiError extends Error {
  readonly errno: number;
  constructor(errno: number, detail?: string) {
    super(detail ? `${errnoName(errno)}: ${detail}` : errnoName(errno));
    this.errno = errno;
  }
}

/** Throws WasiError(errno) — for one-line guards. */
export function fail(errno: number, detail?: string): never {
  throw new WasiError(errno, detail);
}

/**
 * The errno for an exception thrown while serving a call, or undefined when the exception is not an
 * I/O failure (then it is a bug or an exit signal and must propagate).
 */
export function errnoOf(e: unknown): number | undefined {
  if (e instanceof WasiError) return e.errno;
  // Bad guest pointers show up as RangeError from DataView/typed-array accesses.
  if (e instanceof RangeError) return Errno.FAULT;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return BY_HOST_CODE.get(code) ?? HOST_ALIASES[code] ?? Errno.IO;
  return undefined;
}
