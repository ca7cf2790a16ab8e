;; JS strings in wasm without glue code: wasm:js-string builtins and imported string constants.
;; Run with `node examples/strings/run.mjs [name...]` (after `npm run build`).
(module
  ;; The builtins: provided by the engine when compiled with `builtins: ['js-string']`, and
  ;; type-checked at compile time (a wrong signature is a CompileError).
  (import "wasm:js-string" "concat" (func $concat (param externref externref) (result (ref extern))))
  (import "wasm:js-string" "compare" (func $compare (param externref externref) (result i32)))
  (import "wasm:js-string" "equals" (func $equals (param externref externref) (result i32)))
  (import "wasm:js-string" "length" (func $length (param externref) (result i32)))
  (import "wasm:js-string" "fromI32" (func $fromI32 (param i32) (result (ref extern))))

  ;; String constants: with `importedStringConstants: '"'` each import's name is its value.
  (import "\"" "Hello, " (global $hello (ref extern)))
  (import "\"" "!" (global $bang (ref extern)))
  (import "\"" " comes before " (global $before (ref extern)))
  (import "\"" " comes after " (global $after (ref extern)))
  (import "\"" " equals " (global $same (ref extern)))
  (import "\"" " (" (global $open (ref extern)))
  (import "\"" " UTF-16 code units)" (global $units (ref extern)))

  ;; "Hello, <name>! (<n> UTF-16 code units)"
  (func (export "greet") (param $name externref) (result externref)
    (call $concat
      (call $concat (call $concat (global.get $hello) (local.get $name)) (global.get $bang))
      (call $concat
        (call $concat (global.get $open) (call $fromI32 (call $length (local.get $name))))
        (global.get $units))))

  ;; "<a> comes before <b>" (or after, or equals), by UTF-16 code unit order.
  (func (export "order") (param $a externref) (param $b externref) (result externref)
    (local $word externref)
    (local.set $word
      (if (result externref) (call $equals (local.get $a) (local.get $b))
        (then (global.get $same))
        (else (if (result externref) (i32.lt_s (call $compare (local.get $a) (local.get $b)) (i32.const 0))
          (then (global.get $before))
          (else (global.get $after))))))
    (call $concat (call $concat (local.get $a) (local.get $word)) (local.get $b)))
)
