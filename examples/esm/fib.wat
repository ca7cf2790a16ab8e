;; A wasm module used from JS as an ES module (see main.mjs). Its import module name "./report.js"
;; is an ES module specifier, resolved relative to this file's URL.
(module
  (import "./report.js" "progress" (func $progress (param i32 i32)))
  ;; exported mutable global: JS sees it as a live binding
  (global $calls (export "calls") (mut i32) (i32.const 0))
  (func $fib (export "fib") (param $n i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  ;; calls back into JS for fib(0) .. fib(upTo - 1)
  (func (export "table") (param $upTo i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $upTo)))
        (call $progress (local.get $i) (call $fib (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))))
