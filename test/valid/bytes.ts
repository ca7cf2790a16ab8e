/**
 * Test helper: hand-written module binaries with a marked byte. A section is a list of pieces
 * (bytes, names, nested lists) in which `AT` marks the byte an error is expected to point at;
 * `wasm` lays the sections out and reports where the mark landed, so tests need no hand-counted
 * offsets.
 */

/** Marks the position of the next byte. */
export const AT: unique symbol = Symbol('at');

/** A named mark, for tests that check several positions: `M('export 0')`. */
export interface NamedMark {
  readonly mark: string;
}

export function M(name: string): NamedMark {
  return { mark: name };
}

/** A byte, a name (written as its length and UTF-8 bytes), a mark, or a list of those. */
export type Piece = number | string | typeof AT | NamedMark | readonly Piece[];

type Token = number | typeof AT | NamedMark;

export interface Section {
  readonly id: number;
  readonly pieces: readonly Piece[];
}

export function sec(id: number, ...pieces: Piece[]): Section {
  return { id, pieces };
}

export interface Marked {
  readonly bytes: Uint8Array;
  /** Offset of the `AT` mark in `bytes`, or -1 if there is none. */
  readonly at: number;
  /** Offsets of the named marks. */
  readonly marks: Readonly<Record<string, number>>;
}

function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Flattens pieces into bytes, with `AT` kept as a token. */
function flatten(p: Piece, out: Token[]): void {
  if (typeof p === 'string') {
    const utf8 = new TextEncoder().encode(p);
    out.push(...u32(utf8.length), ...utf8);
  } else if (typeof p === 'number' || p === AT || 'mark' in p) out.push(p as Token);
  else for (const q of p as readonly Piece[]) flatten(q, out);
}

/** The module `\0asm` version 1 followed by `sections`, each with its id and size. */
export function wasm(...sections: Section[]): Marked {
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  let at = -1;
  const marks: Record<string, number> = {};
  for (const s of sections) {
    const body: Token[] = [];
    flatten(s.pieces, body);
    const size = body.filter(b => typeof b === 'number').length;
    bytes.push(s.id, ...u32(size));
    for (const b of body) {
      if (b === AT) at = bytes.length;
      else if (typeof b === 'number') bytes.push(b);
      else marks[b.mark] = bytes.length;
    }
  }
  return { bytes: Uint8Array.from(bytes), at, marks };
}
