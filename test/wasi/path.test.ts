/**
 * resolvePath: component-by-component resolution confined to a directory, checked directly on a
 * host tree with symlinks pointing in, out, in circles and through other links.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Errno, errnoName } from '../../src/wasi/errno.js';
import { checkSymlinkTarget, confirmInside, resolvePath } from '../../src/wasi/path.js';
import { WasiError } from '../../src/wasi/errno.js';
import { tmpDir } from './harness.js';

function errnoOfCall(f: () => unknown): string {
  try {
    f();
    return 'SUCCESS';
  } catch (e) {
    if (e instanceof WasiError) return errnoName(e.errno);
    throw e;
  }
}

describe('resolvePath', () => {
  let base: string;
  let root: string;
  before(() => {
    base = tmpDir('path');
    root = path.join(base, 'root');
    fs.mkdirSync(path.join(root, 'a/b'), { recursive: true });
    fs.writeFileSync(path.join(root, 'a/b/f.txt'), 'f');
    fs.writeFileSync(path.join(base, 'outside.txt'), 'o');
    fs.symlinkSync('a/b', path.join(root, 'to_b'));
    fs.symlinkSync('../..', path.join(root, 'a/b/up2')); // = root: allowed
    fs.symlinkSync('../../..', path.join(root, 'a/b/up3')); // = base: escape
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'abs_in')); // absolute, even if inside
    fs.symlinkSync('to_b/up2/to_b/f.txt', path.join(root, 'winding'));
    fs.symlinkSync('self', path.join(root, 'self'));
    fs.symlinkSync('missing', path.join(root, 'dangling'));
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  const ok = (p: string, follow = true) => resolvePath(root, p, follow).rel.join('/');

  it('normalizes . and .. inside the directory', () => {
    assert.equal(ok('a/./b/../b/f.txt'), 'a/b/f.txt');
    assert.equal(ok('a/..'), '');
    assert.equal(ok('.'), '');
    assert.equal(ok('a//b/'), 'a/b');
  });

  it('follows links that stay inside, through other links', () => {
    assert.equal(ok('to_b/f.txt'), 'a/b/f.txt');
    assert.equal(ok('a/b/up2/a'), 'a');
    assert.equal(ok('winding'), 'a/b/f.txt');
    assert.equal(ok('to_b/..'), 'a', '.. after a link is physical: the parent of the target');
  });

  it('keeps a final link when not following, but always follows inner ones', () => {
    assert.equal(ok('to_b', false), 'to_b');
    assert.equal(ok('to_b/', false), 'a/b', 'a trailing slash forces following');
    assert.equal(ok('a/b/up3', false), 'a/b/up3');
  });

  it('allows a missing last component (to be created) and a dangling link target inside', () => {
    assert.equal(ok('a/new.txt'), 'a/new.txt');
    assert.equal(ok('dangling'), 'missing');
  });

  it('refuses escapes with ENOTCAPABLE', () => {
    for (const p of ['..', '../root/a', 'a/../..', 'a/b/../../../x', '/etc/passwd', '/', 'a/b/up3', 'a/b/up3/x', 'abs_in', 'abs_in/b']) {
      assert.equal(errnoOfCall(() => resolvePath(root, p, true)), 'NOTCAPABLE', p);
    }
    assert.equal(errnoOfCall(() => resolvePath(path.join(root, 'a'), '../to_b', true)), 'NOTCAPABLE',
      'a directory descriptor confines to itself, not to its preopen');
  });

  it('maps other failures', () => {
    assert.equal(errnoOfCall(() => resolvePath(root, 'self', true)), 'LOOP');
    assert.equal(errnoOfCall(() => resolvePath(root, 'nope/x', true)), 'NOENT');
    assert.equal(errnoOfCall(() => resolvePath(root, 'a/b/f.txt/x', true)), 'NOTDIR');
    assert.equal(errnoOfCall(() => resolvePath(root, '', true)), 'NOENT');
    assert.equal(errnoOfCall(() => resolvePath(root, 'a\0b', true)), 'INVAL');
  });
});

describe('confirmInside', () => {
  it('accepts descriptors below the root and refuses others (where /proc exists)', () => {
    const base = tmpDir('confirm');
    fs.mkdirSync(path.join(base, 'root'));
    fs.mkdirSync(path.join(base, 'root2'));
    fs.writeFileSync(path.join(base, 'root/in'), '');
    fs.writeFileSync(path.join(base, 'root2/out'), '');
    const real = fs.realpathSync(base);
    const inFd = fs.openSync(path.join(base, 'root/in'), 'r');
    const outFd = fs.openSync(path.join(base, 'root2/out'), 'r');
    try {
      assert.equal(errnoOfCall(() => confirmInside(inFd, path.join(real, 'root'))), 'SUCCESS');
      const expected = fs.existsSync('/proc/self/fd') ? 'NOTCAPABLE' : 'SUCCESS';
      assert.equal(errnoOfCall(() => confirmInside(outFd, path.join(real, 'root'))), expected, 'a sibling sharing the prefix');
    } finally {
      fs.closeSync(inFd);
      fs.closeSync(outFd);
      fs.rmSync(base, { recursive: true });
    }
  });
});

describe('checkSymlinkTarget', () => {
  it('accepts targets that stay inside and refuses the rest', () => {
    assert.equal(errnoOfCall(() => checkSymlinkTarget('f.txt', ['l'])), 'SUCCESS');
    assert.equal(errnoOfCall(() => checkSymlinkTarget('../f.txt', ['a', 'l'])), 'SUCCESS');
    assert.equal(errnoOfCall(() => checkSymlinkTarget('../f.txt', ['l'])), 'NOTCAPABLE');
    assert.equal(errnoOfCall(() => checkSymlinkTarget('a/../../x', ['l'])), 'NOTCAPABLE');
    assert.equal(errnoOfCall(() => checkSymlinkTarget('/etc', ['l'])), 'NOTCAPABLE');
    assert.equal(errnoOfCall(() => checkSymlinkTarget('', ['l'])), 'NOENT');
  });

  it('Errno values follow the preview1 enum', () => {
    assert.equal(Errno.NOENT, 44);
    assert.equal(Errno.NOTCAPABLE, 76);
    assert.equal(Errno.ROFS, 69);
  });
});
