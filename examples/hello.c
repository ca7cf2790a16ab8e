/* hello: the smallest WASI command — greets, then echoes its arguments and one environment variable. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    printf("Hello from weft!\n");
    for (int i = 0; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
    const char *who = getenv("WEFT_GREETING");
    if (who) printf("WEFT_GREETING = %s\n", who);
    return 0;
}
