/**
 * Placeholder for `weft run` (the WASI team owns this file and replaces it).
 */
export async function main(_args: string[]): Promise<number> {
  process.stderr.write('weft run: not available in this build yet\n');
  return 1;
}
