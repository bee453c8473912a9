// Non-variadic wrappers over the Linux calls a tracer needs and that Glibc's Swift module does not export:
// ptrace, waitpid(__WALL), PTRACE_GET_SYSCALL_INFO, seccomp, process_vm_readv, pidfd_open/pidfd_getfd,
// and a fork + exec whose child side runs here, in C, async-signal-safe.
// Everything is Linux only: on other systems this header declares nothing.
// This header includes no kernel header, so Swift sees only the plain types declared here.
#ifndef CPTRACE_H
#define CPTRACE_H

#ifdef __linux__
#include <stdint.h>
#include <sys/types.h>

/// What `PTRACE_GET_SYSCALL_INFO` reports about a stopped thread, copied out of the kernel's struct.
typedef struct {
    /// CPTRACE_INFO_NONE, _ENTRY, _EXIT or _SECCOMP.
    uint8_t op;
    uint32_t arch;
    uint64_t instruction_pointer;
    uint64_t stack_pointer;
    /// At an entry or seccomp stop: the system call's number and its six arguments.
    uint64_t nr;
    uint64_t args[6];
    /// At an exit stop: the return value (a negated errno when is_error is 1).
    int64_t rval;
    uint8_t is_error;
    /// At a seccomp stop: the filter's SECCOMP_RET_DATA.
    uint32_t ret_data;
} cptrace_syscall_info;

enum {
    CPTRACE_INFO_NONE = 0,
    CPTRACE_INFO_ENTRY = 1,
    CPTRACE_INFO_EXIT = 2,
    CPTRACE_INFO_SECCOMP = 3,
};

/// The options the tracer sets on every tracee (PTRACE_O_*), and the events of `cptrace_stop_event`.
enum {
    CPTRACE_O_TRACESYSGOOD = 0x01,
    CPTRACE_O_TRACEFORK = 0x02,
    CPTRACE_O_TRACEVFORK = 0x04,
    CPTRACE_O_TRACECLONE = 0x08,
    CPTRACE_O_TRACEEXEC = 0x10,
    CPTRACE_O_TRACESECCOMP = 0x80,
    CPTRACE_O_EXITKILL = 0x100000,
    CPTRACE_EVENT_FORK = 1,
    CPTRACE_EVENT_VFORK = 2,
    CPTRACE_EVENT_CLONE = 3,
    CPTRACE_EVENT_EXEC = 4,
    CPTRACE_EVENT_SECCOMP = 7,
};

/// PTRACE_SETOPTIONS. Returns 0, or -1 with errno set.
int cptrace_set_options(pid_t tid, unsigned long options);
/// PTRACE_CONT: resume, delivering `signal` (0 for none).
int cptrace_continue(pid_t tid, int signal);
/// PTRACE_SYSCALL: resume until the next system-call entry or exit, delivering `signal` (0 for none).
int cptrace_resume_to_syscall(pid_t tid, int signal);
/// PTRACE_GETEVENTMSG: the new thread's id after a fork/clone event, the former id after an exec event.
int cptrace_event_message(pid_t tid, unsigned long *message);
/// PTRACE_GET_SYSCALL_INFO (Linux 5.3). Returns 0, or -1 with errno set.
int cptrace_syscall_info_get(pid_t tid, cptrace_syscall_info *info);
/// PTRACE_GETSIGINFO's signal number; -1 with errno EINVAL means a group-stop.
int cptrace_stop_signal_info(pid_t tid, int *signal);

/// waitpid(-1, status, __WALL | __WNOTHREAD): any tracee of the calling thread (and only of that thread,
/// so that several tracers, or other code waiting for its own children, never take each other's).
/// Retries EINTR. Returns the tid, or -1 with errno set (ECHILD: nothing left).
pid_t cptrace_wait_any(int *status);

/// Wait-status decoding (the W* macros do not import into Swift).
int cptrace_status_exited(int status);
int cptrace_status_exit_code(int status);
int cptrace_status_signalled(int status);
int cptrace_status_term_signal(int status);
int cptrace_status_core_dumped(int status);
int cptrace_status_stopped(int status);
int cptrace_status_stop_signal(int status);
/// The PTRACE_EVENT_* of a ptrace-event stop, 0 otherwise.
int cptrace_status_event(int status);

/// Builds a seccomp-BPF program that checks the architecture first (any other architecture is allowed
/// untouched), then returns SECCOMP_RET_TRACE for each of `numbers` and SECCOMP_RET_ALLOW for the rest.
/// Returns an opaque program to pass to `cptrace_spawn`, freed with `cptrace_filter_free`; NULL on failure.
void *cptrace_filter_create(const uint32_t *numbers, int count);
void cptrace_filter_free(void *filter);
/// For tests: makes a filter the kernel refuses (an empty program), to exercise the fallback.
void cptrace_filter_spoil(void *filter);

/// The first of two filters, for a program that has no socket yet: traces `always` (the socket calls,
/// dup and its relatives), `standard_fd` (write, writev, close) only on descriptors 1 and 2, and
/// `fcntl_nr` only when it duplicates a descriptor (F_DUPFD, F_DUPFD_CLOEXEC). What a program does before
/// it has a socket (Python reading its modules) then runs without a stop. Freed with `cptrace_filter_free`.
void *cptrace_filter_create_before_sockets(const uint32_t *always, int always_count,
                                           const uint32_t *standard_fd, int standard_count, uint32_t fcntl_nr);

/// A thread's saved registers (opaque, large enough for the architecture's set).
typedef struct { uint64_t words[64]; } cptrace_registers;

/// Whether this architecture can have a filter installed into a running tracee (x86_64 only).
int cptrace_can_inject_filter(void);
/// At a system-call exit stop: saves the thread's registers in `saved`, writes `filter` (from
/// `cptrace_filter_create`) below its stack and points it at `seccomp(SET_MODE_FILTER, TSYNC, filter)`,
/// made by the instruction it has just returned from. Resume it with PTRACE_SYSCALL: its next two
/// system-call stops are that call's entry and exit. Returns 0, or -1 with errno set (nothing changed).
int cptrace_inject_filter_begin(pid_t tid, const void *filter, cptrace_registers *saved);
/// At the injected call's exit stop: its result (0, or a negated errno), the thread's registers put
/// back as they were. Returns -1 with errno set when the registers cannot be read.
long cptrace_inject_filter_end(pid_t tid, const cptrace_registers *saved, long *result);

/// Why a spawn failed, reported by the child through a close-on-exec pipe.
enum {
    CPTRACE_SPAWN_OK = 0,
    CPTRACE_SPAWN_FORK_FAILED = 1,
    CPTRACE_SPAWN_TRACEME_FAILED = 2,
    CPTRACE_SPAWN_EXEC_FAILED = 3,
    CPTRACE_SPAWN_CHDIR_FAILED = 4,
    CPTRACE_SPAWN_REDIRECT_FAILED = 5,
    CPTRACE_SPAWN_SECCOMP_FAILED = 6,
};

/// What the child was asked to do. Every string and array is built before the fork.
typedef struct {
    const char *path;
    char *const *argv;
    char *const *envp;
    /// NULL: stay in the parent's directory.
    const char *directory;
    /// Descriptors to put in place of 0, 1, 2; -1 keeps the inherited one.
    int standard_fds[3];
    /// From `cptrace_filter_create`; NULL to trace without a filter.
    const void *filter;
    /// For tests: the child reports PTRACE_TRACEME refused (EPERM) without asking, as under Yama scope 3.
    int simulate_traceme_refused;
} cptrace_spawn_request;

/// fork(); the child calls PTRACE_TRACEME, raise(SIGSTOP) (so the caller can set options before it runs
/// on), installs the filter after PR_SET_NO_NEW_PRIVS, and execve()s. A failure in the child is written
/// to the pipe as two ints (stage, errno) before it exits with 127 (ENOENT) or 126; a seccomp failure is
/// written as (CPTRACE_SPAWN_SECCOMP_FAILED, errno) and then the child stops itself once more with
/// SIGSTOP, so that the tracer can switch to stopping at every system call before the exec.
/// Returns the child's pid and the pipe's read end in `*report_fd`, or -1 with errno set.
pid_t cptrace_spawn(const cptrace_spawn_request *request, int *report_fd);

/// Reads what the child reported: returns 1 and fills stage/error, 0 when the pipe holds nothing (yet),
/// -1 on a read error. Never blocks.
int cptrace_spawn_report(int report_fd, int *stage, int *error);

/// process_vm_readv of one range: the bytes read (possibly fewer), or -1 with errno set.
long cptrace_read_memory(pid_t pid, uint64_t address, void *buffer, unsigned long count);

/// pidfd_open(pid, 0) (Linux 5.3): a descriptor for the process, close-on-exec.
int cptrace_pidfd_open(pid_t pid);
/// pidfd_getfd(pidfd, fd, 0) (Linux 5.6): a close-on-exec duplicate of the process's descriptor `fd`.
int cptrace_pidfd_getfd(int pidfd, int fd);

#endif // __linux__
#endif // CPTRACE_H
