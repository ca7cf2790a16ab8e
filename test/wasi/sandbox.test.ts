/**
 * Sandbox escapes: test/wasi/c/sandbox.c tries to leave its preopens by `..`, absolute paths,
 * symlinks (absolute, relative, chained, through a directory link), rename/link/unlink/mkdir/rmdir
 * out, and to modify a read-only preopen. Each attempt must fail with the right errno and nothing
 * outside the sandbox — nor inside the read-only preopen — may change.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Errno } from '../../src/wasi/index.js';
import { engineName, runWasm, snapshotTree, tmpDir, TEST_WASM, WEFT_HOSTS, type RunResult } from './harness.js';

const E = Errno;

const EXPECTED: Record<string, number> = {
  open_dotdot: E.NOTCAPABLE,
  open_absolute: E.NOTCAPABLE,
  open_sub_dotdot: E.NOTCAPABLE,
  open_deep_dotdot: E.NOTCAPABLE,
  open_link_abs: E.NOTCAPABLE,
  open_link_rel: E.NOTCAPABLE,
  open_through_dir_link: E.NOTCAPABLE,
  open_link_chain: E.NOTCAPABLE,
  open_loop: E.LOOP,
  create_dotdot: E.NOTCAPABLE,
  create_through_dir_link: E.NOTCAPABLE,
  rename_out: E.NOTCAPABLE,
  rename_through_dir_link: E.NOTCAPABLE,
  rename_from_out: E.NOTCAPABLE,
  symlink_rel_out: E.NOTCAPABLE,
  symlink_abs: E.NOTCAPABLE,
  symlink_sub_out: E.NOTCAPABLE,
  link_follow_out: E.NOTCAPABLE,
  link_dotdot: E.NOTCAPABLE,
  unlink_dotdot: E.NOTCAPABLE,
  unlink_through_dir_link: E.NOTCAPABLE,
  mkdir_dotdot: E.NOTCAPABLE,
  rmdir_self: E.INVAL,
  rmdir_parent: E.NOTCAPABLE,
  stat_dotdot: E.NOTCAPABLE,
  stat_link_out_follow: E.NOTCAPABLE,
  settimes_link_out: E.NOTCAPABLE,
  open_sub_dir: E.SUCCESS,
  sub_dotdot: E.NOTCAPABLE,
  sub_file: E.SUCCESS,
  open_link_in: E.SUCCESS,
  read_link_in: E.SUCCESS,
  open_link_in_nofollow: E.LOOP,
  open_dot_dir: E.SUCCESS,
  open_sub_dotdot_inside: E.SUCCESS,
  symlink_inside: E.SUCCESS,
  symlink_sub_up_inside: E.SUCCESS,
  open_sub_up_link_via_root: E.SUCCESS,
  readlink_out_abs: E.SUCCESS,
  unlink_link_out_rel: E.SUCCESS,
  open_missing: E.NOENT,
  open_file_as_dir: E.NOTDIR,
  open_nondir_as_dir: E.NOTDIR,
  create_excl_existing: E.EXIST,
  unlink_dir: E.ISDIR,
  rmdir_file: E.NOTDIR,
  rmdir_nonempty: E.NOTEMPTY,
  mkdir_existing: E.EXIST,
  read_bad_fd: E.BADF,
  read_dir_fd: E.ISDIR,
  seek_stdout: E.SPIPE,
  prestat_not_preopen: E.BADF,
  ro_open_write: E.NOTCAPABLE,
  ro_create: E.NOTCAPABLE,
  ro_trunc: E.NOTCAPABLE,
  ro_unlink: E.NOTCAPABLE,
  ro_mkdir: E.NOTCAPABLE,
  ro_rename: E.NOTCAPABLE,
  ro_rename_out: E.NOTCAPABLE,
  ro_symlink: E.NOTCAPABLE,
  ro_settimes: E.NOTCAPABLE,
  ro_open_read: E.SUCCESS,
  ro_write: E.NOTCAPABLE,
  ro_truncate: E.NOTCAPABLE,
  ro_gain_rights: E.NOTCAPABLE,
};

for (const host of WEFT_HOSTS) describe(`WASI sandbox confinement (sandbox.c, weft WASI on ${engineName(host)})`, () => {
  let base: string;
  let root: string;
  let result: RunResult;
  let errnos: Map<string, number>;
  let outsideBefore: Record<string, string>;
  let roBefore: Record<string, string>;
  let roMtime: number;

  before(async () => {
    base = tmpDir('sandbox');
    root = path.join(base, 'root');
    const outside = path.join(base, 'outside');
    const ro = path.join(base, 'ro');
    for (const d of [root, path.join(root, 'sub'), outside, ro]) fs.mkdirSync(d);
    fs.writeFileSync(path.join(root, 'inside.txt'), 'inside');
    fs.writeFileSync(path.join(root, 'sub/sub.txt'), 'sub');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    fs.writeFileSync(path.join(ro, 'r.txt'), 'readonly');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link_out_abs'));
    fs.symlinkSync('../outside/secret.txt', path.join(root, 'link_out_rel'));
    fs.symlinkSync('../outside', path.join(root, 'dir_link_out'));
    fs.symlinkSync('link_out_rel', path.join(root, 'link_chain'));
    fs.symlinkSync('loop', path.join(root, 'loop'));
    fs.symlinkSync('inside.txt', path.join(root, 'link_in'));
    outsideBefore = snapshotTree(outside);
    roBefore = snapshotTree(ro);
    roMtime = fs.statSync(path.join(ro, 'r.txt')).mtimeMs;

    result = await runWasm(host, path.join(TEST_WASM, 'sandbox.wasm'), {
      args: ['sandbox'],
      preopens: { '.': root, ro: { path: ro, readOnly: true } },
    });
    errnos = new Map(result.stdout.trim().split('\n').map((l) => {
      const [k, v] = l.split(' ');
      return [k!, Number(v)] as [string, number];
    }));
  });

  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('runs to completion', () => {
    assert.equal(result.error, null, String(result.error));
    assert.equal(result.code, 0);
  });

  for (const [label, errno] of Object.entries(EXPECTED)) {
    it(`${label} -> ${errno === 0 ? 'allowed' : `errno ${errno}`}`, () => {
      assert.equal(errnos.get(label), errno, `${label}: got ${errnos.get(label)}, expected ${errno}`);
    });
  }

  it('reads through an inside symlink', () => {
    assert.match(result.stdout, /^read_link_in_data inside$/m);
  });

  it('leaves the directory outside the sandbox untouched', () => {
    assert.deepEqual(snapshotTree(path.join(base, 'outside')), outsideBefore);
    assert.ok(!fs.existsSync(path.join(base, 'escape.txt')));
    assert.ok(!fs.existsSync(path.join(base, 'newdir')));
  });

  it('leaves the read-only preopen untouched', () => {
    assert.deepEqual(snapshotTree(path.join(base, 'ro')), roBefore);
    assert.equal(fs.statSync(path.join(base, 'ro/r.txt')).mtimeMs, roMtime);
  });

  it('performs the allowed changes inside', () => {
    const tree = snapshotTree(root);
    assert.equal(tree['good_link'], '->inside.txt');
    assert.equal(tree['sub/up_link'], '->../inside.txt');
    assert.equal(tree['link_out_rel'], undefined, 'the link itself was removed');
    assert.equal(tree['inside.txt'], 'inside');
  });
});
