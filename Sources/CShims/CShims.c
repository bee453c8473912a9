#ifdef __linux__
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <pthread.h>
#include "CShims.h"

int cshims_accept4(int fd, void *address, unsigned int *length, int flags) {
#ifdef __linux__
    return accept4(fd, (struct sockaddr *)address, (socklen_t *)length, flags);
#else
    (void)fd; (void)address; (void)length; (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

int cshims_pipe2(int fds[2], int flags) {
#ifdef __linux__
    return pipe2(fds, flags);
#else
    (void)fds; (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

void cshims_name_this_thread(const char *name) {
#if defined(__linux__)
    char shortened[16];
    size_t i = 0;
    for (; name[i] != 0 && i < 15; i++) shortened[i] = name[i];
    shortened[i] = 0;
    pthread_setname_np(pthread_self(), shortened);
#elif defined(__APPLE__)
    pthread_setname_np(name);
#else
    (void)name;
#endif
}
