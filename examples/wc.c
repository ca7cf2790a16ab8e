/*
 * wc: file processing through a preopened directory.
 *   wc INPUT OUTPUT  — counts lines, words and bytes of INPUT, prints them and writes a summary
 *                      (plus the longest line) to OUTPUT.
 * Run with the directory granted: weft run --dir data::. wc.wasm -- in.txt out.txt
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: wc INPUT OUTPUT\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        fprintf(stderr, "wc: cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    long lines = 0, words = 0, bytes = 0, longest = 0, current = 0;
    int in_word = 0, c;
    while ((c = fgetc(in)) != EOF) {
        bytes++;
        if (c == '\n') {
            lines++;
            if (current > longest) longest = current;
            current = 0;
        } else {
            current++;
        }
        if (isspace(c)) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            words++;
        }
    }
    if (current > longest) longest = current;
    fclose(in);

    printf("%ld %ld %ld %s\n", lines, words, bytes, argv[1]);
    FILE *out = fopen(argv[2], "w");
    if (!out) {
        fprintf(stderr, "wc: cannot create %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    fprintf(out, "file: %s\nlines: %ld\nwords: %ld\nbytes: %ld\nlongest line: %ld\n",
            argv[1], lines, words, bytes, longest);
    if (fclose(out) != 0) {
        fprintf(stderr, "wc: cannot write %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    return 0;
}
