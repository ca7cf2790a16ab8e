/* Memory-heavy code over a 4 MiB working set: each unit copies a 8 Ki-element (32 KiB) window
 * of a 1 Mi-element array into scratch space, quicksorts it (insertion sort below 16), and
 * checks/folds the sorted result. The source array is filled once and never modified. */
#define N (1 << 20)
#define W (1 << 13)
static unsigned src[N];
static unsigned scratch[W];
static int ready;

static void isort(unsigned *a, int n) {
  for (int i = 1; i < n; i++) {
    unsigned v = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

static void qsort_u(unsigned *a, int n) {
  while (n > 16) {
    unsigned x = a[0], y = a[n / 2], z = a[n - 1];
    unsigned p = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
    int i = 0, j = n - 1;
    for (;;) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i >= j) break;
      unsigned t = a[i]; a[i] = a[j]; a[j] = t;
      i++; j--;
    }
    /* recurse into the smaller half, loop on the larger */
    if (j + 1 < n - j - 1) { qsort_u(a, j + 1); a += j + 1; n -= j + 1; }
    else { qsort_u(a + j + 1, n - j - 1); n = j + 1; }
  }
  isort(a, n);
}

__attribute__((export_name("run")))
unsigned run(int units) {
  if (!ready) {
    unsigned s = 2463534242u;
    for (int i = 0; i < N; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; src[i] = s; }
    ready = 1;
  }
  unsigned sum = 0;
  for (int u = 0; u < units; u++) {
    const unsigned *from = src + ((unsigned)u * 409603u) % (N - W);
    for (int i = 0; i < W; i++) scratch[i] = from[i];
    qsort_u(scratch, W);
    for (int i = 0; i < W; i += 97) sum = sum * 31u + scratch[i];
    for (int i = 1; i < W; i++) if (scratch[i - 1] > scratch[i]) return 0xBAD;
  }
  return sum;
}
