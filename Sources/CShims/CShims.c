#ifdef __linux__
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
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
