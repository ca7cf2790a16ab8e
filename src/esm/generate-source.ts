/**
 * The JS module source standing in for a wasm module in a host whose loader only understands JS
 * (Node's module hooks): it imports the wasm module's import module names as ES module specifiers
 * (so the host resolves them relative to the .wasm URL, bare names and other .wasm files
 * included), imports its own namespace (the key for wasm-to-wasm linking), instantiates during
 * evaluation, and exports one binding per wasm export under the export's exact name (string export
 * names, ES2022, so names that are not identifiers work and `default` is the default export).
 */
/**
 * The scheme of a wasm module's marker module. The generated module imports its marker first, so
 * the marker runs before any other dependency: it records the module's namespace as wasm, and a
 * cycle that reaches the module before it is instantiated is then the spec's LinkError rather
 * than a plain uninitialized-binding ReferenceError.
 */
const str = JSON.stringify;

export const MARKER_SCHEME = 'weft-esm-wasm:';

export function markerUrl(wasmUrl: string): string {
  return MARKER_SCHEME + wasmUrl;
}

/** The marker module of the wasm module at `wasmUrl` (see MARKER_SCHEME). */
export function markerSource(wasmUrl: string, registryUrl: string): string {
  return [
    `import { wasmRecord } from ${str(registryUrl)};`,
    `import * as $wasm from ${str(wasmUrl)};`,
    `wasmRecord($wasm, ${str(wasmUrl)});`,
  ].join('\n') + '\n';
}

export interface WasmSourceParts {
  /** The wasm module's URL (also the specifier of its self-import). */
  readonly url: string;
  /** URL of evaluate-module.js, the same module instance for every generated module. */
  readonly runtimeUrl: string;
  readonly bytesBase64: string;
  /** Distinct import module names, in first-use order (the dependencies' evaluation order). */
  readonly importModules: readonly string[];
  /** Export names in the module's export order. */
  readonly exportNames: readonly string[];
}


export function wasmModuleSource(p: WasmSourceParts): string {
  const lines = [
    `import ${str(markerUrl(p.url))};`,
    `import { evaluateWasmModule } from ${str(p.runtimeUrl)};`,
    `import * as $self from ${str(p.url)};`,
    ...p.importModules.map((m, i) => `import * as $dep${i} from ${str(m)};`),
  ];
  if (p.exportNames.length) lines.push(`let ${p.exportNames.map((_, i) => `$e${i}`).join(', ')};`);
  const deps = p.importModules.map((m, i) => `${str(m)}: $dep${i}`).join(', ');
  const cases = p.exportNames.map((_, i) => `case ${i}: $e${i} = v; break;`).join(' ');
  lines.push(
    `evaluateWasmModule($self, ${str(p.url)}, ${str(p.bytesBase64)}, { ${deps} }, (i, v) => { switch (i) { ${cases} } });`,
  );
  if (p.exportNames.length) lines.push(`export { ${p.exportNames.map((n, i) => `$e${i} as ${str(n)}`).join(', ')} };`);
  return lines.join('\n') + '\n';
}
