/* i32 integer loops with data-dependent branches: Collatz chain lengths. Each unit walks the
 * chains of 4096 consecutive starting values (offset by the unit index), 32-bit arithmetic only
 * (values that would overflow are cut short, which keeps it an i32 kernel). */
__attribute__((export_name("run")))
unsigned run(int units) {
  unsigned sum = 0;
  for (int u = 0; u < units; u++) {
    unsigned base = 1 + (unsigned)u * 4096u;
    unsigned best = 0, bestAt = 0;
    for (unsigned s = base; s < base + 4096u; s++) {
      unsigned x = s, steps = 0;
      while (x != 1 && x < 0x40000000u) {
        x = (x & 1) ? 3 * x + 1 : x >> 1;
        steps++;
      }
      if (steps > best) { best = steps; bestAt = s; }
      sum += steps;
    }
    sum ^= best * 65599u + bestAt;
  }
  return sum;
}
