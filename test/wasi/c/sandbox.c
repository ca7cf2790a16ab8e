/*
 * sandbox: tries to leave its preopened directories through the raw WASI calls and prints one line
 * "<label> <errno>" per attempt (0 = allowed). test/wasi/sandbox.test.ts sets up the tree and checks
 * every errno and that nothing outside was touched. fd 3 is a writable preopen, fd 4 a read-only one.
 */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define DIR_FD 3
#define RO_FD 4

static const __wasi_rights_t READ = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL
    | __WASI_RIGHTS_FD_FILESTAT_GET;
static const __wasi_rights_t WRITE = __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE;
static const __wasi_rights_t DIRS = __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR
    | __WASI_RIGHTS_PATH_FILESTAT_GET | __WASI_RIGHTS_PATH_CREATE_FILE;

static void report(const char *label, __wasi_errno_t e) { printf("%s %d\n", label, (int)e); }

/* Opens path below dirfd; on success closes it again unless keep is given. */
static __wasi_errno_t open_at(__wasi_fd_t dirfd, const char *path, __wasi_lookupflags_t look,
                              __wasi_oflags_t oflags, __wasi_rights_t rights, __wasi_fd_t *keep) {
    __wasi_fd_t fd;
    __wasi_errno_t e = __wasi_path_open(dirfd, look, path, oflags, rights, rights | DIRS, 0, &fd);
    if (e == 0) {
        if (keep) *keep = fd;
        else (void)__wasi_fd_close(fd);
    }
    return e;
}

static void try_open(const char *label, const char *path) {
    report(label, open_at(DIR_FD, path, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, READ, NULL));
}

int main(void) {
    const __wasi_lookupflags_t FOLLOW = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;

    /* Paths that leave the directory. */
    try_open("open_dotdot", "../outside/secret.txt");
    try_open("open_absolute", "/etc/passwd");
    try_open("open_sub_dotdot", "sub/../../outside/secret.txt");
    try_open("open_deep_dotdot", "sub/./../sub/../../outside");
    try_open("open_link_abs", "link_out_abs");
    try_open("open_link_rel", "link_out_rel");
    try_open("open_through_dir_link", "dir_link_out/secret.txt");
    try_open("open_link_chain", "link_chain");
    try_open("open_loop", "loop");
    report("create_dotdot", open_at(DIR_FD, "../escape.txt", 0, __WASI_OFLAGS_CREAT, READ | WRITE, NULL));
    report("create_through_dir_link", open_at(DIR_FD, "dir_link_out/escape.txt", FOLLOW, __WASI_OFLAGS_CREAT, READ | WRITE, NULL));
    report("rename_out", __wasi_path_rename(DIR_FD, "inside.txt", DIR_FD, "../outside/moved.txt"));
    report("rename_through_dir_link", __wasi_path_rename(DIR_FD, "inside.txt", DIR_FD, "dir_link_out/moved.txt"));
    report("rename_from_out", __wasi_path_rename(DIR_FD, "../outside/secret.txt", DIR_FD, "stolen.txt"));
    report("symlink_rel_out", __wasi_path_symlink("../outside/secret.txt", DIR_FD, "evil_rel"));
    report("symlink_abs", __wasi_path_symlink("/etc/passwd", DIR_FD, "evil_abs"));
    report("symlink_sub_out", __wasi_path_symlink("../../outside", DIR_FD, "sub/evil_sub"));
    report("link_follow_out", __wasi_path_link(DIR_FD, FOLLOW, "link_out_rel", DIR_FD, "hard_out"));
    report("link_dotdot", __wasi_path_link(DIR_FD, 0, "../outside/secret.txt", DIR_FD, "hard_out2"));
    report("unlink_dotdot", __wasi_path_unlink_file(DIR_FD, "../outside/secret.txt"));
    report("unlink_through_dir_link", __wasi_path_unlink_file(DIR_FD, "dir_link_out/secret.txt"));
    report("mkdir_dotdot", __wasi_path_create_directory(DIR_FD, "../newdir"));
    report("rmdir_self", __wasi_path_remove_directory(DIR_FD, "sub/.."));
    report("rmdir_parent", __wasi_path_remove_directory(DIR_FD, "sub/../.."));
    __wasi_filestat_t st;
    report("stat_dotdot", __wasi_path_filestat_get(DIR_FD, FOLLOW, "../outside/secret.txt", &st));
    report("stat_link_out_follow", __wasi_path_filestat_get(DIR_FD, FOLLOW, "link_out_abs", &st));
    report("settimes_link_out", __wasi_path_filestat_set_times(DIR_FD, FOLLOW, "link_out_rel", 0, 0,
                                                               __WASI_FSTFLAGS_MTIM_NOW));

    /* A directory descriptor confines paths below itself, not just below the preopen. */
    __wasi_fd_t sub = 0;
    report("open_sub_dir", open_at(DIR_FD, "sub", FOLLOW, __WASI_OFLAGS_DIRECTORY, DIRS, &sub));
    report("sub_dotdot", open_at(sub, "../inside.txt", FOLLOW, 0, READ, NULL));
    report("sub_file", open_at(sub, "sub.txt", FOLLOW, 0, READ, NULL));

    /* Legitimate uses stay allowed. */
    __wasi_fd_t in = 0;
    report("open_link_in", open_at(DIR_FD, "link_in", FOLLOW, 0, READ, &in));
    char buf[32] = {0};
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
    __wasi_size_t n = 0;
    report("read_link_in", __wasi_fd_read(in, &iov, 1, &n));
    printf("read_link_in_data %.*s\n", (int)n, buf);
    report("open_link_in_nofollow", open_at(DIR_FD, "link_in", 0, 0, READ, NULL));
    report("open_dot_dir", open_at(DIR_FD, ".", FOLLOW, __WASI_OFLAGS_DIRECTORY, 0, NULL));
    report("open_sub_dotdot_inside", open_at(DIR_FD, "sub/../inside.txt", FOLLOW, 0, READ, NULL));
    report("symlink_inside", __wasi_path_symlink("inside.txt", DIR_FD, "good_link"));
    report("symlink_sub_up_inside", __wasi_path_symlink("../inside.txt", DIR_FD, "sub/up_link"));
    report("open_sub_up_link_via_root", open_at(DIR_FD, "sub/up_link", FOLLOW, 0, READ, NULL));
    char target[64] = {0};
    __wasi_size_t used = 0;
    report("readlink_out_abs", __wasi_path_readlink(DIR_FD, "link_out_abs", (uint8_t *)target, sizeof target - 1, &used));
    report("unlink_link_out_rel", __wasi_path_unlink_file(DIR_FD, "link_out_rel"));

    /* Errno mapping. */
    try_open("open_missing", "missing/x");
    try_open("open_file_as_dir", "inside.txt/x");
    report("open_nondir_as_dir", open_at(DIR_FD, "inside.txt", FOLLOW, __WASI_OFLAGS_DIRECTORY, 0, NULL));
    report("create_excl_existing", open_at(DIR_FD, "inside.txt", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, READ | WRITE, NULL));
    report("unlink_dir", __wasi_path_unlink_file(DIR_FD, "sub"));
    report("rmdir_file", __wasi_path_remove_directory(DIR_FD, "inside.txt"));
    report("rmdir_nonempty", __wasi_path_remove_directory(DIR_FD, "sub"));
    report("mkdir_existing", __wasi_path_create_directory(DIR_FD, "sub"));
    report("read_bad_fd", __wasi_fd_read(99, &iov, 1, &n));
    report("read_dir_fd", __wasi_fd_read(DIR_FD, &iov, 1, &n));
    report("seek_stdout", __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, &(__wasi_filesize_t){0}));
    report("prestat_not_preopen", __wasi_fd_prestat_get(in, &(__wasi_prestat_t){0}));

    /* The read-only preopen refuses every modification. */
    report("ro_open_write", open_at(RO_FD, "r.txt", FOLLOW, 0, READ | WRITE, NULL));
    report("ro_create", open_at(RO_FD, "new.txt", FOLLOW, __WASI_OFLAGS_CREAT, READ, NULL));
    report("ro_trunc", open_at(RO_FD, "r.txt", FOLLOW, __WASI_OFLAGS_TRUNC, READ, NULL));
    report("ro_unlink", __wasi_path_unlink_file(RO_FD, "r.txt"));
    report("ro_mkdir", __wasi_path_create_directory(RO_FD, "d"));
    report("ro_rename", __wasi_path_rename(RO_FD, "r.txt", RO_FD, "s.txt"));
    report("ro_rename_out", __wasi_path_rename(RO_FD, "r.txt", DIR_FD, "from_ro.txt"));
    report("ro_symlink", __wasi_path_symlink("r.txt", RO_FD, "l"));
    report("ro_settimes", __wasi_path_filestat_set_times(RO_FD, 0, "r.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    __wasi_fd_t r = 0;
    report("ro_open_read", open_at(RO_FD, "r.txt", FOLLOW, 0, READ, &r));
    __wasi_ciovec_t ciov = {(const uint8_t *)"x", 1};
    report("ro_write", __wasi_fd_write(r, &ciov, 1, &n));
    report("ro_truncate", __wasi_fd_filestat_set_size(r, 0));
    report("ro_gain_rights", __wasi_fd_fdstat_set_rights(r, READ | WRITE, 0));
    return 0;
}
