/*
 * trap: fails on purpose, to show how a runtime reports a trap.
 *   trap [unreachable|oob|div0]   (default: unreachable)
 * The work happens a few calls deep so the reported wasm stack has several frames.
 */
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static int divide(volatile int a, volatile int b) { return a / b; }

__attribute__((noinline)) static void fail_in(const char *how) {
    if (strcmp(how, "oob") == 0) {
        *(volatile int *)0xfffffff0u = 42; /* far beyond the memory: out-of-bounds store */
    } else if (strcmp(how, "div0") == 0) {
        printf("%d\n", divide(1, 0)); /* i32.div_s by zero */
    } else {
        __builtin_trap(); /* unreachable */
    }
}

__attribute__((noinline)) static void process(const char *how) {
    printf("about to trap (%s)\n", how);
    fflush(stdout);
    fail_in(how);
    printf("not reached\n");
}

int main(int argc, char **argv) {
    process(argc > 1 ? argv[1] : "unreachable");
    return 0;
}
