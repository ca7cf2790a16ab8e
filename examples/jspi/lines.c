/*
 * A freestanding C program that uses JSPI through two imports. From C's point of view they are
 * ordinary blocking calls; the host backs them with promises (a file read, a timer) and
 * WebAssembly.promising() suspends the whole wasm stack while they are pending.
 *
 * `stats(depth)` descends `depth` C frames before reading, so the suspension happens deep inside
 * the C call stack; the counts are returned through exported globals-by-getter.
 */
#define IMPORT(name) __attribute__((import_module("env"), import_name(name)))
#define EXPORT(name) __attribute__((export_name(name)))

/* Reads up to `max` bytes of the input into `buf`; returns how many (0 at the end). */
IMPORT("async_read") int async_read(char *buf, int max);
/* Waits `ms` milliseconds. */
IMPORT("sleep_ms") void sleep_ms(int ms);

static char buf[512];
static int lines, words, bytes;

static int is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

static void count_all(void) {
  int in_word = 0, n;
  while ((n = async_read(buf, sizeof buf)) > 0) {
    for (int i = 0; i < n; i++) {
      char c = buf[i];
      if (c == '\n') lines++;
      if (is_space(c)) in_word = 0;
      else if (!in_word) { in_word = 1; words++; }
    }
    bytes += n;
    sleep_ms(1); /* be nice to the event loop between chunks */
  }
}

/* optnone keeps clang from turning the descent into a loop: we want real frames. */
__attribute__((noinline, optnone)) static int descend(int depth) {
  if (depth == 0) { count_all(); return 0; }
  return descend(depth - 1) + 1;
}

EXPORT("stats") int stats(int depth) {
  lines = words = bytes = 0;
  return descend(depth);
}
EXPORT("lines") int get_lines(void) { return lines; }
EXPORT("words") int get_words(void) { return words; }
EXPORT("bytes") int get_bytes(void) { return bytes; }
