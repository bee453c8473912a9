// The Linux side of CPtrace.h. Only this file includes kernel headers (<linux/ptrace.h>, never together
// with <sys/ptrace.h>), so Swift never sees two definitions of the same structure.
#ifdef __linux__
#define _GNU_SOURCE
#include "CPtrace.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/ptrace.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

static long raw_ptrace(long request, pid_t tid, unsigned long address, unsigned long data) {
    return syscall(SYS_ptrace, request, (long)tid, address, data);
}

int cptrace_set_options(pid_t tid, unsigned long options) {
    return (int)raw_ptrace(PTRACE_SETOPTIONS, tid, 0, options);
}

int cptrace_continue(pid_t tid, int signal) {
    return (int)raw_ptrace(PTRACE_CONT, tid, 0, (unsigned long)signal);
}

int cptrace_resume_to_syscall(pid_t tid, int signal) {
    return (int)raw_ptrace(PTRACE_SYSCALL, tid, 0, (unsigned long)signal);
}

int cptrace_event_message(pid_t tid, unsigned long *message) {
    return (int)raw_ptrace(PTRACE_GETEVENTMSG, tid, 0, (unsigned long)message);
}

int cptrace_syscall_info_get(pid_t tid, cptrace_syscall_info *out) {
    struct ptrace_syscall_info info;
    memset(&info, 0, sizeof info);
    long size = raw_ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof info, (unsigned long)&info);
    if (size < 0) return -1;
    memset(out, 0, sizeof *out);
    out->op = info.op;
    out->arch = info.arch;
    out->instruction_pointer = info.instruction_pointer;
    out->stack_pointer = info.stack_pointer;
    switch (info.op) {
    case PTRACE_SYSCALL_INFO_ENTRY:
        out->nr = info.entry.nr;
        memcpy(out->args, info.entry.args, sizeof out->args);
        break;
    case PTRACE_SYSCALL_INFO_SECCOMP:
        out->nr = info.seccomp.nr;
        memcpy(out->args, info.seccomp.args, sizeof out->args);
        out->ret_data = info.seccomp.ret_data;
        break;
    case PTRACE_SYSCALL_INFO_EXIT:
        out->rval = info.exit.rval;
        out->is_error = info.exit.is_error;
        break;
    default:
        break;
    }
    return 0;
}

int cptrace_stop_signal_info(pid_t tid, int *signal) {
    siginfo_t info;
    if (raw_ptrace(PTRACE_GETSIGINFO, tid, 0, (unsigned long)&info) < 0) return -1;
    *signal = info.si_signo;
    return 0;
}

pid_t cptrace_wait_any(int *status) {
    for (;;) {
        pid_t tid = waitpid(-1, status, __WALL | __WNOTHREAD);
        if (tid >= 0 || errno != EINTR) return tid;
    }
}

int cptrace_status_exited(int status) { return WIFEXITED(status); }
int cptrace_status_exit_code(int status) { return WEXITSTATUS(status); }
int cptrace_status_signalled(int status) { return WIFSIGNALED(status); }
int cptrace_status_term_signal(int status) { return WTERMSIG(status); }
int cptrace_status_core_dumped(int status) { return WCOREDUMP(status) ? 1 : 0; }
int cptrace_status_stopped(int status) { return WIFSTOPPED(status); }
int cptrace_status_stop_signal(int status) { return WSTOPSIG(status); }
int cptrace_status_event(int status) { return WIFSTOPPED(status) ? (status >> 16) & 0xff : 0; }

// MARK: - seccomp

typedef struct {
    struct sock_fprog program;
    struct sock_filter instructions[];
} filter_program;

#if defined(__x86_64__)
#define CPTRACE_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define CPTRACE_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

void *cptrace_filter_create(const uint32_t *numbers, int count) {
#ifdef CPTRACE_AUDIT_ARCH
    if (count < 0 || count > 200) { errno = EINVAL; return NULL; }
    // load arch; allow other architectures; load nr; [x86_64: allow the x32 range]; one test per
    // number jumping to the TRACE return; ALLOW; TRACE.
    int length = 4 + count + 2;
#if defined(__x86_64__)
    length += 1;
#endif
    filter_program *filter = calloc(1, sizeof(filter_program) + (size_t)length * sizeof(struct sock_filter));
    if (filter == NULL) return NULL;
    struct sock_filter *code = filter->instructions;
    int at = 0;
    code[at++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    // Another architecture (a 32-bit program): allowed, and so not seen.
    code[at++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CPTRACE_AUDIT_ARCH, 1, 0);
    code[at++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    code[at++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
#if defined(__x86_64__)
    // x32 system calls (bit 30 set) are another ABI: jump over every test to the ALLOW.
    code[at++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, (unsigned char)count, 0);
#endif
    for (int i = 0; i < count; i++) {
        // Jump forward to the TRACE return: past the remaining tests and the ALLOW.
        code[at++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, numbers[i], (unsigned char)(count - i), 0);
    }
    code[at++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    code[at++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
    filter->program.len = (unsigned short)at;
    filter->program.filter = filter->instructions;
    return filter;
#else
    (void)numbers; (void)count;
    errno = ENOSYS;
    return NULL;
#endif
}

void *cptrace_filter_create_before_sockets(const uint32_t *always, int always_count,
                                           const uint32_t *standard_fd, int standard_count, uint32_t fcntl_nr) {
#ifdef CPTRACE_AUDIT_ARCH
    if (always_count < 0 || standard_count < 0 || always_count + standard_count > 150) { errno = EINVAL; return NULL; }
    int base = 4;
#if defined(__x86_64__)
    base += 1;
#endif
    // Positions: the tests, then ALLOW, the descriptor check (4), the fcntl check (4), TRACE.
    int allow = base + always_count + standard_count + 1;
    int fd_check = allow + 1, fcntl_check = fd_check + 4, trace = fcntl_check + 4;
    int length = trace + 1;
    filter_program *filter = calloc(1, sizeof(filter_program) + (size_t)length * sizeof(struct sock_filter));
    if (filter == NULL) return NULL;
    struct sock_filter *code = filter->instructions;
    int at = 0;
#define JUMP_TO(target) (unsigned char)((target) - (at + 1))
    code[at++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    code[at++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CPTRACE_AUDIT_ARCH, 1, 0);
    code[at++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    code[at++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
#if defined(__x86_64__)
    code[at] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, JUMP_TO(allow), 0); at++;
#endif
    for (int i = 0; i < always_count; i++) {
        code[at] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, always[i], JUMP_TO(trace), 0); at++;
    }
    for (int i = 0; i < standard_count; i++) {
        code[at] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, standard_fd[i], JUMP_TO(fd_check), 0); at++;
    }
    code[at] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, fcntl_nr, JUMP_TO(fcntl_check), 0); at++;
    code[at++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    // The low half of the first argument (little-endian on both architectures): descriptor 1 or 2.
    code[at++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
    code[at] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, JUMP_TO(trace), 0); at++;
    code[at] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 2, JUMP_TO(trace), 0); at++;
    code[at++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    // fcntl's command: F_DUPFD (0) or F_DUPFD_CLOEXEC (1030).
    code[at++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[1]));
    code[at] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, JUMP_TO(trace), 0); at++;
    code[at] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1030, JUMP_TO(trace), 0); at++;
    code[at++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    code[at++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
#undef JUMP_TO
    filter->program.len = (unsigned short)at;
    filter->program.filter = filter->instructions;
    return filter;
#else
    (void)always; (void)always_count; (void)standard_fd; (void)standard_count; (void)fcntl_nr;
    errno = ENOSYS;
    return NULL;
#endif
}

void cptrace_filter_free(void *filter) { free(filter); }

// MARK: - a second filter, installed into a running tracee

int cptrace_can_inject_filter(void) {
#if defined(__x86_64__)
    return 1;
#else
    return 0;
#endif
}

#if defined(__x86_64__)
_Static_assert(sizeof(struct user_regs_struct) <= sizeof(cptrace_registers), "registers do not fit");

int cptrace_inject_filter_begin(pid_t tid, const void *filter_, cptrace_registers *saved) {
    const filter_program *filter = filter_;
    struct user_regs_struct regs;
    if (raw_ptrace(PTRACE_GETREGS, tid, 0, (unsigned long)&regs) < 0) return -1;
    memcpy(saved, &regs, sizeof regs);
    // Below the red zone (128 bytes) and well clear of what the program uses: the sock_fprog, then the code.
    size_t code_size = (size_t)filter->program.len * sizeof(struct sock_filter);
    unsigned long address = (regs.rsp - 4096 - 16 - code_size) & ~15UL;
    struct { unsigned short len; unsigned short pad[3]; unsigned long code; } fprog = { filter->program.len, {0, 0, 0}, address + 16 };
    struct iovec local[2] = { { &fprog, 16 }, { (void *)filter->instructions, code_size } };
    struct iovec remote = { (void *)address, 16 + code_size };
    if (process_vm_writev(tid, local, 2, &remote, 1, 0) != (ssize_t)(16 + code_size)) return -1;
    // The instruction just before rip is the `syscall` (0f 05) the thread returns from: run it again.
    regs.rip -= 2;
    regs.rax = SYS_seccomp;
    regs.rdi = SECCOMP_SET_MODE_FILTER;
    regs.rsi = SECCOMP_FILTER_FLAG_TSYNC;
    regs.rdx = address;
    if (raw_ptrace(PTRACE_SETREGS, tid, 0, (unsigned long)&regs) < 0) return -1;
    return 0;
}

long cptrace_inject_filter_end(pid_t tid, const cptrace_registers *saved, long *result) {
    struct user_regs_struct regs;
    if (raw_ptrace(PTRACE_GETREGS, tid, 0, (unsigned long)&regs) < 0) return -1;
    *result = (long)regs.rax;
    memcpy(&regs, saved, sizeof regs);
    return raw_ptrace(PTRACE_SETREGS, tid, 0, (unsigned long)&regs) < 0 ? -1 : 0;
}
#else
int cptrace_inject_filter_begin(pid_t tid, const void *filter, cptrace_registers *saved) {
    (void)tid; (void)filter; (void)saved;
    errno = ENOSYS;
    return -1;
}

long cptrace_inject_filter_end(pid_t tid, const cptrace_registers *saved, long *result) {
    (void)tid; (void)saved; (void)result;
    errno = ENOSYS;
    return -1;
}
#endif

void cptrace_filter_spoil(void *filter) {
    if (filter != NULL) ((filter_program *)filter)->program.len = 0;
}

// MARK: - spawn

static void report_and_exit(int fd, int stage, int error) {
    int message[2] = { stage, error };
    ssize_t ignored = write(fd, message, sizeof message);
    (void)ignored;
    _exit(error == ENOENT ? 127 : 126);
}

// Runs in the child between fork and exec: async-signal-safe calls only, nothing allocated.
static void run_child(const cptrace_spawn_request *request, int report) {
    // Start as a shell would start it: default dispositions, no signal blocked (the tracer's thread
    // may block or ignore some, and both would survive the exec).
    struct sigaction standard;
    memset(&standard, 0, sizeof standard);
    standard.sa_handler = SIG_DFL;
    for (int signal = 1; signal < NSIG; signal++) {
        if (signal != SIGKILL && signal != SIGSTOP) sigaction(signal, &standard, NULL);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (request->simulate_traceme_refused) report_and_exit(report, CPTRACE_SPAWN_TRACEME_FAILED, EPERM);
    if (raw_ptrace(PTRACE_TRACEME, 0, 0, 0) < 0) report_and_exit(report, CPTRACE_SPAWN_TRACEME_FAILED, errno);
    for (int target = 0; target < 3; target++) {
        int source = request->standard_fds[target];
        if (source >= 0 && source != target && dup2(source, target) < 0)
            report_and_exit(report, CPTRACE_SPAWN_REDIRECT_FAILED, errno);
    }
    if (request->directory != NULL && chdir(request->directory) < 0)
        report_and_exit(report, CPTRACE_SPAWN_CHDIR_FAILED, errno);
    // The tracer sets its options during this stop, before the filter can send it any event.
    raise(SIGSTOP);
    if (request->filter != NULL) {
        const filter_program *filter = request->filter;
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
            syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &filter->program) < 0) {
            int message[2] = { CPTRACE_SPAWN_SECCOMP_FAILED, errno };
            ssize_t ignored = write(report, message, sizeof message);
            (void)ignored;
            raise(SIGSTOP);
        }
    }
    execve(request->path, request->argv, request->envp);
    report_and_exit(report, CPTRACE_SPAWN_EXEC_FAILED, errno);
}

pid_t cptrace_spawn(const cptrace_spawn_request *request, int *report_fd) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) < 0) return -1;
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        errno = saved;
        return -1;
    }
    if (pid == 0) {
        close(pipe_fds[0]);
        run_child(request, pipe_fds[1]);
        _exit(127);
    }
    close(pipe_fds[1]);
    int flags = fcntl(pipe_fds[0], F_GETFL);
    fcntl(pipe_fds[0], F_SETFL, flags | O_NONBLOCK);
    *report_fd = pipe_fds[0];
    return pid;
}

int cptrace_spawn_report(int report_fd, int *stage, int *error) {
    int message[2];
    ssize_t got;
    do { got = read(report_fd, message, sizeof message); } while (got < 0 && errno == EINTR);
    if (got < 0) return errno == EAGAIN ? 0 : -1;
    if (got < (ssize_t)sizeof message) return 0;
    *stage = message[0];
    *error = message[1];
    return 1;
}

// MARK: - memory and descriptors

long cptrace_read_memory(pid_t pid, uint64_t address, void *buffer, unsigned long count) {
    struct iovec local = { buffer, count };
    struct iovec remote = { (void *)(uintptr_t)address, count };
    return (long)process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

int cptrace_pidfd_open(pid_t pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

int cptrace_pidfd_getfd(int pidfd, int fd) {
    return (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
}

#endif // __linux__
