// The JS helper fib.wasm imports ("./report.js" "progress").
export function progress(n, value) {
  console.log(`fib(${n}) = ${value}`);
}
