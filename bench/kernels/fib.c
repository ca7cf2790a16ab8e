/* Calls and recursion: naive doubly recursive Fibonacci, plus a mutually recursive pair that
 * the compiler cannot turn into a loop. Each unit is fib(24 or 25) plus a ~1000-deep
 * even/odd recursion. */
__attribute__((noinline)) static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

__attribute__((noinline)) static unsigned odd(unsigned n);
__attribute__((noinline)) static unsigned even(unsigned n) { return n == 0 ? 1 : odd(n - 1) * 3u + 1u; }
__attribute__((noinline)) static unsigned odd(unsigned n) { return n == 0 ? 0 : even(n - 1) ^ n; }

__attribute__((export_name("run")))
unsigned run(int units) {
  unsigned sum = 0;
  for (int u = 0; u < units; u++) sum = sum * 7u + fib(24 + (u & 1)) + even(1000 + (u & 15));
  return sum;
}
