#ifdef __linux__
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
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

enum { signal_limit = 65 };

// Each caught signal's pipe, stored as fd + 1 so that the zeroed array means "none".
static volatile sig_atomic_t signal_pipes[signal_limit];

static void write_signal_to_pipe(int signal) {
    int saved = errno;
    int fd = (signal > 0 && signal < signal_limit) ? (int)signal_pipes[signal] - 1 : -1;
    if (fd >= 0) {
        unsigned char byte = (unsigned char)signal;
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

static int set_action(int signal, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = handler == SIG_DFL ? 0 : SA_RESTART;
    return sigaction(signal, &action, NULL);
}

int cshims_signal_to_pipe(int signal, int fd) {
    if (signal <= 0 || signal >= signal_limit || fd < 0) {
        errno = EINVAL;
        return -1;
    }
    signal_pipes[signal] = fd + 1;
    return set_action(signal, write_signal_to_pipe);
}

int cshims_signal_default(int signal) {
    if (signal <= 0 || signal >= signal_limit) {
        errno = EINVAL;
        return -1;
    }
    int rc = set_action(signal, SIG_DFL);
    signal_pipes[signal] = 0;
    return rc;
}
