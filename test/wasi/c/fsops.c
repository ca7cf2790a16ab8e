/*
 * fsops: exercises the WASI file, directory, clock, random, poll and stdin calls through wasi-libc
 * and prints deterministic results. test/wasi/fsops.test.ts runs it under node:wasi and weft's WASI
 * and compares stdout and the resulting directory tree. Expects the work directory preopened as ".".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define CHECK(what, expr)                                                       \
    do {                                                                        \
        if ((expr) < 0) printf("%s: FAILED errno=%d (%s)\n", what, errno, strerror(errno)); \
    } while (0)

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_dir(const char *path) {
    DIR *d = opendir(path);
    if (!d) { printf("opendir %s: errno=%d\n", path, errno); return; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *s = malloc(strlen(e->d_name) + 4);
        const char *kind = e->d_type == DT_DIR ? "/" : e->d_type == DT_LNK ? "@" : e->d_type == DT_REG ? "" : "?";
        sprintf(s, "%s%s", e->d_name, kind);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("ls %s:", path);
    for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

static void files(void) {
    CHECK("mkdir", mkdir("work", 0755));
    int fd = open("work/data.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
    CHECK("open", fd);
    const char *text = "hello, file system\n";
    printf("write %zd\n", write(fd, text, strlen(text)));
    printf("tell %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("seek_set %lld\n", (long long)lseek(fd, 7, SEEK_SET));
    char buf[64] = {0};
    printf("read %zd '%s'\n", read(fd, buf, 4), buf);
    printf("seek_end %lld\n", (long long)lseek(fd, -3, SEEK_END));
    printf("pwrite %zd\n", pwrite(fd, "XY", 2, 0));
    memset(buf, 0, sizeof buf);
    printf("pread %zd '%s'\n", pread(fd, buf, 5, 0), buf);
    printf("tell_after_p %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    CHECK("ftruncate", ftruncate(fd, 5));
    struct stat st;
    CHECK("fstat", fstat(fd, &st));
    printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    CHECK("fsync", fsync(fd));
    CHECK("fdatasync", fdatasync(fd));
    CHECK("posix_fallocate", posix_fallocate(fd, 0, 10) == 0 ? 0 : -1);
    CHECK("fstat", fstat(fd, &st));
    printf("size_after_allocate %lld\n", (long long)st.st_size);
    CHECK("posix_fadvise", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) == 0 ? 0 : -1);
    close(fd);

    fd = open("work/log.txt", O_CREAT | O_WRONLY | O_APPEND, 0644);
    write(fd, "one\n", 4);
    lseek(fd, 0, SEEK_SET);
    write(fd, "two\n", 4);
    close(fd);
    FILE *f = fopen("work/log.txt", "r");
    char line[32];
    while (fgets(line, sizeof line, f)) printf("log %s", line);
    fclose(f);

    struct timespec times[2] = {{1000000000, 0}, {1234567890, 500000000}};
    CHECK("utimensat", utimensat(AT_FDCWD, "work/log.txt", times, 0));
    CHECK("stat", stat("work/log.txt", &st));
    printf("mtime %lld.%09ld atime %lld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_atim.tv_sec);
    fd = open("work/log.txt", O_RDONLY);
    struct timespec ft[2] = {{2000000000, 0}, {2000000001, 0}};
    CHECK("futimens", futimens(fd, ft));
    CHECK("fstat", fstat(fd, &st));
    printf("fmtime %lld\n", (long long)st.st_mtim.tv_sec);
    close(fd);

    CHECK("symlink", symlink("data.bin", "work/link"));
    char target[64] = {0};
    printf("readlink %zd '%s'\n", readlink("work/link", target, sizeof target), target);
    CHECK("lstat", lstat("work/link", &st));
    printf("lstat_is_link %d\n", S_ISLNK(st.st_mode));
    CHECK("stat", stat("work/link", &st));
    printf("stat_through_link size %lld\n", (long long)st.st_size);
    CHECK("link", link("work/data.bin", "work/hard.bin"));
    CHECK("stat", stat("work/hard.bin", &st));
    printf("nlink %lld\n", (long long)st.st_nlink);
    CHECK("rename", rename("work/hard.bin", "work/renamed.bin"));
    CHECK("mkdir", mkdir("work/sub", 0755));
    CHECK("rename_dir", rename("work/sub", "work/sub2"));
    f = fopen("work/sub2/deep.txt", "w");
    fputs("deep\n", f);
    fclose(f);
    list_dir("work");
    list_dir("work/sub2");
    printf("rmdir_nonempty %d errno=%d\n", rmdir("work/sub2"), errno);
    CHECK("unlink", unlink("work/sub2/deep.txt"));
    CHECK("rmdir", rmdir("work/sub2"));
    printf("open_missing %d errno=%d\n", open("work/nope", O_RDONLY), errno);
    printf("mkdir_existing %d errno=%d\n", mkdir("work", 0755), errno);
    CHECK("unlink", unlink("work/link"));
    list_dir("work");
    printf("access %d\n", access("work/data.bin", F_OK));
    DIR *d = opendir("work");
    int dfd = dirfd(d);
    int at = openat(dfd, "data.bin", O_RDONLY);
    memset(buf, 0, sizeof buf);
    printf("openat read %zd '%s'\n", read(at, buf, 5), buf);
    close(at);
    closedir(d);
}

static void clocks_random_poll(void) {
    struct timespec a, b, res;
    CHECK("clock_getres", clock_getres(CLOCK_MONOTONIC, &res));
    CHECK("clock_gettime", clock_gettime(CLOCK_MONOTONIC, &a));
    struct timespec nap = {0, 20 * 1000 * 1000};
    CHECK("nanosleep", nanosleep(&nap, NULL));
    CHECK("clock_gettime", clock_gettime(CLOCK_MONOTONIC, &b));
    long long elapsed = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
    printf("slept_enough %d\n", elapsed >= 20 * 1000 * 1000);
    struct timespec rt;
    CHECK("clock_gettime", clock_gettime(CLOCK_REALTIME, &rt));
    printf("realtime_plausible %d\n", rt.tv_sec > 1600000000);
    CHECK("clock_gettime", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &rt));
    unsigned char r1[32] = {0}, r2[32] = {0};
    CHECK("getentropy", getentropy(r1, sizeof r1));
    CHECK("getentropy", getentropy(r2, sizeof r2));
    printf("random_differs %d\n", memcmp(r1, r2, sizeof r1) != 0);
    struct pollfd p = {.fd = 0, .events = POLLIN};
    printf("poll_stdin %d revents_in %d\n", poll(&p, 1, 1000), (p.revents & POLLIN) != 0);
}

static void stdin_echo(void) {
    char buf[256];
    size_t n, total = 0;
    unsigned sum = 0;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
        for (size_t i = 0; i < n; i++) sum = sum * 31 + (unsigned char)buf[i];
        total += n;
    }
    printf("stdin %zu bytes checksum %u\n", total, sum);
}

int main(int argc, char **argv) {
    printf("argc %d argv1 %s env %s\n", argc, argc > 1 ? argv[1] : "-", getenv("FSOPS") ? getenv("FSOPS") : "-");
    files();
    clocks_random_poll();
    stdin_echo();
    fprintf(stderr, "done\n");
    return 7;
}
