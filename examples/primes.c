/*
 * primes: a compute-bound command. Sieves the primes below N (argv[1], default 200000), prints the
 * count and the largest, and exits with count % 256 so the exit-code path is exercised too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 200000;
    if (n < 2) n = 2;
    unsigned char *composite = calloc((size_t)n, 1);
    if (!composite) return 255;
    long count = 0, largest = 0;
    for (long i = 2; i < n; i++) {
        if (composite[i]) continue;
        count++;
        largest = i;
        if (i > (n - 1) / i) continue; /* i*i would pass n (and overflow 32-bit long) */
        for (long j = i * i; j < n; j += i) composite[j] = 1;
    }
    free(composite);
    printf("%ld primes below %ld, largest %ld\n", count, n, largest);
    return (int)(count % 256);
}
