/** 32-bit integer operations that need more than one JS operator (traps, rotations, bit counts). */
import { RuntimeError } from '../../errors.js';

export function divS32(a: number, b: number): number {
  if (b === 0) throw new RuntimeError('div-by-zero', 'integer divide by zero');
  if (a === -0x80000000 && b === -1) throw new RuntimeError('int-overflow', 'integer overflow');
  return (a / b) | 0;
}

export function divU32(a: number, b: number): number {
  if (b === 0) throw new RuntimeError('div-by-zero', 'integer divide by zero');
  return ((a >>> 0) / (b >>> 0)) | 0;
}

export function remS32(a: number, b: number): number {
  if (b === 0) throw new RuntimeError('div-by-zero', 'integer divide by zero');
  if (b === -1) return 0;
  return (a % b) | 0;
}

export function remU32(a: number, b: number): number {
  if (b === 0) throw new RuntimeError('div-by-zero', 'integer divide by zero');
  return ((a >>> 0) % (b >>> 0)) | 0;
}

export function rotl32(a: number, b: number): number {
  const s = b & 31;
  return (a << s) | (a >>> ((32 - s) & 31));
}

export function rotr32(a: number, b: number): number {
  const s = b & 31;
  return (a >>> s) | (a << ((32 - s) & 31));
}
