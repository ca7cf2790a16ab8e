/**
 * Reading a module's bytes by URL for the host-neutral loaders: `fetch` (http(s), data:, blob:,
 * and file: where the host's fetch allows it). Node's fetch refuses file: URLs, so the Node entry
 * (node.ts) installs a reader for them; browsers need nothing.
 */
export type ByteReader = (url: URL) => Promise<Uint8Array>;

const readers = new Map<string, ByteReader>();

/** Reads URLs of `protocol` (e.g. 'file:') with `reader` instead of fetch. */
export function setByteReader(protocol: string, reader: ByteReader): void {
  readers.set(protocol, reader);
}

export async function fetchBytes(url: URL): Promise<Uint8Array> {
  const reader = readers.get(url.protocol);
  if (reader) return reader(url);
  const response = await fetch(url);
  if (!response.ok) throw new TypeError(`weft/esm: fetching ${url.href} failed: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** `specifier` as a URL: absolute, or relative to `base` (default: the document's base URL). */
export function toURL(specifier: string | URL, base?: string | URL): URL {
  if (specifier instanceof URL) return specifier;
  const fallback = (globalThis as { document?: { baseURI?: string }; location?: { href?: string } });
  const b = base ?? fallback.document?.baseURI ?? fallback.location?.href;
  return b === undefined ? new URL(specifier) : new URL(specifier, b);
}
