// Calls Glibc's Swift module does not export (they need _GNU_SOURCE), as plain non-variadic functions.
// The header includes no system header, so that its types never clash with Glibc's module.
#ifndef TRACE_CSHIMS_H
#define TRACE_CSHIMS_H

/// `accept4(fd, address, length, flags)`; `address` points to a `struct sockaddr_storage`, `length` to
/// a `socklen_t`. Returns -1 with `errno` set, or ENOSYS where the system has no `accept4`.
///
/// The corresponding C function is `accept4`.
int cshims_accept4(int fd, void *address, unsigned int *length, int flags);

/// `pipe2(fds, flags)`, or ENOSYS where the system has none.
///
/// The corresponding C function is `pipe2`.
int cshims_pipe2(int fds[2], int flags);

/// Names the calling thread (Linux keeps the first 15 bytes); does nothing where it cannot.
///
/// The corresponding C function is `pthread_setname_np`.
void cshims_name_this_thread(const char *name);

#endif
