/**
 * The WASI class and individual calls, driven directly from JS against a fake instance whose memory
 * is a plain object: buffer re-reading across memory growth, EFAULT, the exit protocol, reactors,
 * and calls wasi-libc programs rarely make (poll with several clocks, tiny readdir buffers,
 * fd_renumber, sockets, signals).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Errno, WASI, WasiExit } from '../../src/wasi/index.js';
import { tmpDir } from './harness.js';

const PAGE = 65536;

/** A WASI bound to a growable fake memory; `grow` replaces the buffer as engines do. */
function setup(opts: ConstructorParameters<typeof WASI>[0] = {}) {
  const memory = { buffer: new ArrayBuffer(PAGE) as ArrayBufferLike };
  const wasi = new WASI(opts);
  wasi.attach({ exports: { memory } });
  const call = (name: string, ...args: (number | bigint)[]) => wasi.wasiImport[name]!(...args);
  const view = () => new DataView(memory.buffer);
  const bytes = () => new Uint8Array(memory.buffer);
  const grow = (pages: number) => {
    const next = new ArrayBuffer(memory.buffer.byteLength + pages * PAGE);
    new Uint8Array(next).set(bytes());
    memory.buffer = next;
  };
  const put = (ptr: number, s: string) => {
    const b = new TextEncoder().encode(s);
    bytes().set(b, ptr);
    return b.length;
  };
  const str = (ptr: number, len: number) => new TextDecoder().decode(bytes().slice(ptr, ptr + len));
  return { wasi, memory, call, view, bytes, grow, put, str };
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function dir(): string {
  const d = tmpDir('api');
  dirs.push(d);
  return d;
}

describe('WASI class', () => {
  it('exposes every wasi_snapshot_preview1 function', () => {
    const names = ['args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'clock_res_get', 'clock_time_get',
      'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get', 'fd_fdstat_set_flags', 'fd_fdstat_set_rights',
      'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times', 'fd_pread', 'fd_prestat_get', 'fd_prestat_dir_name',
      'fd_pwrite', 'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek', 'fd_sync', 'fd_tell', 'fd_write',
      'path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link', 'path_open', 'path_readlink',
      'path_remove_directory', 'path_rename', 'path_symlink', 'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise',
      'sched_yield', 'random_get', 'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown'];
    const w = new WASI();
    assert.deepEqual(Object.keys(w.wasiImport).sort(), [...names].sort());
    assert.equal(w.getImportObject().wasi_snapshot_preview1, w.wasiImport);
  });

  it('start() returns the proc_exit code, or 0 when _start returns', () => {
    const a = new WASI();
    const memory = { buffer: new ArrayBuffer(PAGE) };
    assert.equal(a.start({ exports: { memory, _start: () => a.wasiImport['proc_exit']!(3) } }), 3);
    const b = new WASI();
    assert.equal(b.start({ exports: { memory, _start: () => undefined } }), 0);
    assert.throws(() => b.start({ exports: { memory, _start: () => undefined } }), /already/);
  });

  it('start() lets traps and other exceptions through', () => {
    const w = new WASI();
    const boom = new Error('boom');
    assert.throws(() => w.start({ exports: { memory: { buffer: new ArrayBuffer(8) }, _start: () => { throw boom; } } }), boom);
  });

  it('checks the instance shape', () => {
    assert.throws(() => new WASI().start({ exports: { _start: () => 0 } }), /memory/);
    assert.throws(() => new WASI().start({ exports: { memory: { buffer: new ArrayBuffer(8) } } }), /_start/);
    assert.throws(() => new WASI().initialize({ exports: { memory: { buffer: new ArrayBuffer(8) }, _start: () => 0 } }), /reactor/);
  });

  it('initialize() runs _initialize once for reactors', () => {
    let calls = 0;
    const w = new WASI();
    w.initialize({ exports: { memory: { buffer: new ArrayBuffer(8) }, _initialize: () => calls++ } });
    assert.equal(calls, 1);
  });

  it('proc_exit throws the private exit signal (not an Error)', () => {
    const { call } = setup();
    assert.throws(() => call('proc_exit', 9), (e: unknown) => e instanceof WasiExit && e.code === 9 && !(e instanceof Error));
  });

  it('the trace hook sees each call with normalized arguments and its errno', () => {
    const seen: string[] = [];
    const w = new WASI({ trace: (name, args, errno) => seen.push(`${name}(${args.join(',')})=${errno}`) });
    w.attach({ exports: { memory: { buffer: new ArrayBuffer(PAGE) } } });
    w.wasiImport['fd_close']!(-1);
    w.wasiImport['clock_time_get']!(1, -1n, 0);
    assert.throws(() => w.wasiImport['proc_exit']!(2));
    assert.deepEqual(seen, [`fd_close(4294967295)=${Errno.BADF}`, `clock_time_get(1,18446744073709551615,0)=0`, 'proc_exit(2)=0']);
  });

  it('a call before start() is an error, not an errno', () => {
    const w = new WASI({ args: ['x'] });
    assert.throws(() => w.wasiImport['args_sizes_get']!(0, 4), /no memory/);
  });
});

describe('WASI calls', () => {
  it('args and environ: counts, sizes and NUL-terminated strings', () => {
    const { call, view, str } = setup({ args: ['prog', 'ä b'], env: { A: '1', LONG: 'x'.repeat(10) } });
    assert.equal(call('args_sizes_get', 0, 4), Errno.SUCCESS);
    assert.equal(view().getUint32(0, true), 2);
    assert.equal(view().getUint32(4, true), 5 + 5);
    assert.equal(call('args_get', 100, 200), Errno.SUCCESS);
    assert.equal(view().getUint32(100, true), 200);
    assert.equal(str(200, 5), 'prog\0');
    assert.equal(str(view().getUint32(104, true), 5), 'ä b\0');
    assert.equal(call('environ_sizes_get', 0, 4), Errno.SUCCESS);
    assert.equal(view().getUint32(0, true), 2);
    assert.equal(call('environ_get', 300, 400), Errno.SUCCESS);
    assert.equal(str(view().getUint32(304, true), 14), 'LONG=xxxxxxxxx');
  });

  it('re-reads the memory buffer after it grows', () => {
    const d = dir();
    const { call, grow, view, put } = setup({ preopens: { '.': d } });
    grow(2); // the iovec and data below live beyond the first buffer's end
    const data = 2 * PAGE + 100;
    const len = put(data, 'grown');
    view().setUint32(2 * PAGE, data, true);
    view().setUint32(2 * PAGE + 4, len, true);
    const name = put(10, 'g.txt');
    assert.equal(call('path_open', 3, 0, 10, name, 1 /* CREAT */, 1n << 6n /* FD_WRITE */, 0n, 0, 50), Errno.SUCCESS);
    const fd = view().getUint32(50, true);
    assert.equal(call('fd_write', fd, 2 * PAGE, 1, 60), Errno.SUCCESS);
    assert.equal(view().getUint32(60, true), 5);
    assert.equal(call('fd_close', fd), Errno.SUCCESS);
    assert.equal(fs.readFileSync(path.join(d, 'g.txt'), 'utf8'), 'grown');
  });

  it('pointers outside memory give EFAULT', () => {
    const { call } = setup({ args: ['a'] });
    assert.equal(call('args_sizes_get', PAGE - 2, 0), Errno.FAULT);
    assert.equal(call('random_get', PAGE - 4, 8), Errno.FAULT);
    assert.equal(call('fd_write', 1, -8 /* 0xfffffff8 as a signed i32 */, 1, 0), Errno.FAULT);
  });

  it('clocks and random', () => {
    const { call, view, bytes } = setup();
    assert.equal(call('clock_time_get', 1, 1n, 0), Errno.SUCCESS);
    const t0 = view().getBigUint64(0, true);
    assert.equal(call('clock_time_get', 1, 1n, 0), Errno.SUCCESS);
    assert.ok(view().getBigUint64(0, true) >= t0);
    assert.equal(call('clock_time_get', 0, 1n, 0), Errno.SUCCESS);
    const wall = Number(view().getBigUint64(0, true) / 1_000_000n);
    assert.ok(Math.abs(wall - Date.now()) < 5000);
    assert.equal(call('clock_res_get', 2, 8), Errno.SUCCESS);
    assert.equal(call('clock_time_get', 9, 1n, 0), Errno.INVAL);
    assert.equal(call('random_get', 100, 64), Errno.SUCCESS);
    assert.ok(bytes().slice(100, 164).some((b) => b !== 0));
  });

  it('poll_oneoff: sleeps for the earliest relative clock and reports only due clocks', () => {
    const { call, view } = setup();
    const sub = (i: number, userdata: bigint, timeoutNs: bigint, flags = 0, clock = 1) => {
      const p = i * 48;
      view().setBigUint64(p, userdata, true);
      view().setUint8(p + 8, 0);
      view().setUint32(p + 16, clock, true);
      view().setBigUint64(p + 24, timeoutNs, true);
      view().setUint16(p + 40, flags, true);
    };
    sub(0, 11n, 30_000_000n);
    sub(1, 22n, 10_000_000_000n);
    const t0 = performance.now();
    assert.equal(call('poll_oneoff', 0, 1000, 2, 2000), Errno.SUCCESS);
    const took = performance.now() - t0;
    assert.ok(took >= 29 && took < 9000, `slept ${took} ms (the 10 s clock must not be waited for)`);
    assert.equal(view().getUint32(2000, true), 1);
    assert.equal(view().getBigUint64(1000, true), 11n);
    assert.equal(view().getUint8(1010), 0);
    // An absolute realtime deadline in the past is due at once.
    sub(0, 33n, 1n, 1 /* ABSTIME */, 0);
    assert.equal(call('poll_oneoff', 0, 1000, 1, 2000), Errno.SUCCESS);
    assert.equal(view().getBigUint64(1000, true), 33n);
    assert.equal(call('poll_oneoff', 0, 1000, 0, 2000), Errno.INVAL);
  });

  it('poll_oneoff on a stdin pipe waits for input, which fd_read then gets', {
    skip: spawnSync('mkfifo', ['--version']).status !== 0 || !fs.existsSync('/proc/self/fd'),
  }, () => {
    const d = dir();
    const fifo = path.join(d, 'stdin');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const rfd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const wfd = fs.openSync(fifo, fs.constants.O_WRONLY);
    try {
      const { wasi, call, view, str } = setup({ stdin: rfd });
      const subscribe = () => {
        view().setBigUint64(0, 1n, true); // userdata 1: stdin readable
        view().setUint8(8, 1);
        view().setUint32(16, 0, true);
        view().setBigUint64(48, 2n, true); // userdata 2: a 50 ms timeout
        view().setUint8(56, 0);
        view().setUint32(64, 1, true);
        view().setBigUint64(72, 50_000_000n, true);
        view().setUint16(88, 0, true);
        assert.equal(call('poll_oneoff', 0, 1000, 2, 2000), Errno.SUCCESS);
        const events = Array.from({ length: view().getUint32(2000, true) }, (_, i) =>
          [view().getBigUint64(1000 + 32 * i, true), view().getBigUint64(1016 + 32 * i, true)]);
        return events;
      };
      assert.deepEqual(subscribe(), [[2n, 0n]], 'nothing written yet: only the timeout fires');
      fs.writeSync(wfd, 'hello');
      assert.deepEqual(subscribe(), [[1n, 5n]], 'input arrived: stdin is readable, 5 bytes');
      view().setUint32(100, 200, true);
      view().setUint32(104, 64, true);
      assert.equal(call('fd_read', 0, 100, 1, 108), Errno.SUCCESS);
      assert.equal(str(200, view().getUint32(108, true)), 'hello');
      fs.closeSync(wfd);
      assert.deepEqual(subscribe(), [[1n, 0n]], 'writer gone: ready at end of input');
      assert.equal(call('fd_read', 0, 100, 1, 108), Errno.SUCCESS);
      assert.equal(view().getUint32(108, true), 0);
      wasi.close();
    } finally {
      fs.closeSync(rfd);
      try { fs.closeSync(wfd); } catch { /* closed above */ }
    }
  });

  it('fd_readdir: cookies resume and a small buffer is filled to the brim', () => {
    const d = dir();
    for (const n of ['a', 'bb', 'ccc']) fs.writeFileSync(path.join(d, n), n);
    const { call, view, str } = setup({ preopens: { '.': d } });
    const names: string[] = [];
    let cookie = 0n;
    for (let guard = 0; guard < 20; guard++) {
      assert.equal(call('fd_readdir', 3, 1000, 128, cookie, 4), Errno.SUCCESS);
      const used = view().getUint32(4, true);
      let p = 1000;
      let complete = 0;
      while (p + 24 <= 1000 + used) {
        const namlen = view().getUint32(p + 16, true);
        if (p + 24 + namlen > 1000 + used) break;
        names.push(str(p + 24, namlen));
        cookie = view().getBigUint64(p, true);
        p += 24 + namlen;
        complete++;
      }
      if (used < 128) break;
      assert.ok(complete > 0);
    }
    assert.deepEqual(names.sort(), ['.', '..', 'a', 'bb', 'ccc']);
    // A 30-byte buffer holds one 25-byte record plus the cut-off start of the next.
    assert.equal(call('fd_readdir', 3, 1000, 30, 0n, 4), Errno.SUCCESS);
    assert.equal(view().getUint32(4, true), 30);
  });

  it('fd_readdir pages through a large directory', () => {
    const d = dir();
    const want = Array.from({ length: 400 }, (_, i) => `file-${String(i).padStart(4, '0')}`);
    for (const n of want) fs.writeFileSync(path.join(d, n), '');
    const { call, view, str } = setup({ preopens: { '.': d } });
    const seen: string[] = [];
    let cookie = 0n;
    for (;;) {
      assert.equal(call('fd_readdir', 3, 1000, 256, cookie, 4), Errno.SUCCESS);
      const end = 1000 + view().getUint32(4, true);
      let p = 1000;
      while (p + 24 <= end) {
        const namlen = view().getUint32(p + 16, true);
        if (p + 24 + namlen > end) break;
        seen.push(str(p + 24, namlen));
        cookie = view().getBigUint64(p, true);
        p += 24 + namlen;
      }
      if (end - 1000 < 256) break;
    }
    assert.deepEqual(seen.filter((n) => n !== '.' && n !== '..').sort(), want);
  });

  it('opening a FIFO does not hang', { skip: spawnSync('mkfifo', ['--version']).status !== 0 }, () => {
    const d = dir();
    assert.equal(spawnSync('mkfifo', [path.join(d, 'pipe')]).status, 0);
    const { call, view, put } = setup({ preopens: { '.': d } });
    const n = put(100, 'pipe');
    assert.equal(call('path_open', 3, 0, 100, n, 0, 2n /* FD_READ */, 0n, 0, 50), Errno.SUCCESS);
    const fd = view().getUint32(50, true);
    assert.equal(call('fd_fdstat_get', fd, 0), Errno.SUCCESS);
    assert.equal(view().getUint8(0), 6 /* SOCKET_STREAM: how FIFOs read */);
    assert.equal(call('fd_close', fd), Errno.SUCCESS);
  });

  it('prestat, fdstat, renumber and close', () => {
    const d = dir();
    const { call, view, str, put } = setup({ preopens: { '/sandbox': d } });
    assert.equal(call('fd_prestat_get', 3, 0), Errno.SUCCESS);
    assert.equal(view().getUint8(0), 0);
    assert.equal(view().getUint32(4, true), 8);
    assert.equal(call('fd_prestat_dir_name', 3, 16, 8), Errno.SUCCESS);
    assert.equal(str(16, 8), '/sandbox');
    assert.equal(call('fd_prestat_get', 4, 0), Errno.BADF);
    assert.equal(call('fd_fdstat_get', 3, 0), Errno.SUCCESS);
    assert.equal(view().getUint8(0), 3 /* DIRECTORY */);
    const n = put(100, 'f');
    assert.equal(call('path_open', 3, 0, 100, n, 1, (1n << 6n) | 2n, 0n, 0, 50), Errno.SUCCESS);
    const fd = view().getUint32(50, true);
    assert.equal(fd, 4);
    assert.equal(call('fd_renumber', fd, 1), Errno.SUCCESS); // replaces stdout
    assert.equal(call('fd_fdstat_get', 1, 0), Errno.SUCCESS);
    assert.equal(view().getUint8(0), 4 /* REGULAR_FILE */);
    assert.equal(call('fd_fdstat_get', 4, 0), Errno.BADF);
    assert.equal(call('fd_renumber', 1, 77), Errno.BADF);
    assert.equal(call('fd_close', 1), Errno.SUCCESS);
    assert.equal(call('fd_close', 1), Errno.BADF);
  });

  it('fd_seek/fd_tell track the position; stdio cannot seek', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'f'), '0123456789');
    const { call, view, put } = setup({ preopens: { '.': d } });
    const n = put(100, 'f');
    const rights = (1n << 1n) | (1n << 2n) | (1n << 5n); // READ | SEEK | TELL
    assert.equal(call('path_open', 3, 0, 100, n, 0, rights, 0n, 0, 50), Errno.SUCCESS);
    const fd = view().getUint32(50, true);
    assert.equal(call('fd_seek', fd, -3n & 0xffffffffffffffffn, 2 /* END */, 8), Errno.SUCCESS);
    assert.equal(view().getBigUint64(8, true), 7n);
    assert.equal(call('fd_seek', fd, -100n & 0xffffffffffffffffn, 1, 8), Errno.INVAL);
    assert.equal(call('fd_tell', fd, 8), Errno.SUCCESS);
    assert.equal(view().getBigUint64(8, true), 7n);
    assert.equal(call('fd_seek', 0, 0n, 0, 8), Errno.SPIPE);
    assert.equal(call('fd_seek', fd, 0n, 7, 8), Errno.INVAL);
  });

  it('sockets are unsupported; harmless signals are ignored, others terminate', () => {
    const { call } = setup();
    for (const s of ['sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown']) assert.equal(call(s, 0, 0, 0, 0, 0, 0), Errno.NOTSUP);
    assert.equal(call('sched_yield'), Errno.SUCCESS);
    assert.equal(call('proc_raise', 16 /* CHLD */), Errno.SUCCESS);
    assert.throws(() => call('proc_raise', 15 /* TERM */), (e: unknown) => e instanceof WasiExit && e.code === 128 + 15);
  });
});
