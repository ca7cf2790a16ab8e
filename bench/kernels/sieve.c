/* i32 integer loops: sieve of Eratosthenes. Each unit of work sieves a ~128K range (the limit
 * varies with the unit index so no two units are identical) and folds the prime count and the
 * largest prime into the checksum. */
#define LIMIT (1 << 17)
static unsigned char composite[LIMIT + 64];

static unsigned sieve(unsigned limit) {
  for (unsigned i = 0; i <= limit; i++) composite[i] = 0;
  unsigned count = 0, last = 0;
  for (unsigned i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    last = i;
    for (unsigned j = i * i; j <= limit && i < 65536; j += i) composite[j] = 1;
  }
  return count * 31u + last;
}

__attribute__((export_name("run")))
unsigned run(int units) {
  unsigned sum = 0;
  for (int u = 0; u < units; u++) sum = sum * 17u + sieve(LIMIT + (u & 63));
  return sum;
}
