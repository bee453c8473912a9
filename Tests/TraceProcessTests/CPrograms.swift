#if os(Linux)
/// The tests' C programs, compiled with gcc at test time.
enum CPrograms {
    /// Waits with select(), accepts one client, echoes with read()/write() until end of stream.
    static let server = #"""
    #include <arpa/inet.h>
    #include <netinet/in.h>
    #include <stdio.h>
    #include <sys/select.h>
    #include <sys/socket.h>
    #include <unistd.h>
    int main(void) {
        int listener = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = 0 };
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0) return 10;
        if (listen(listener, 4) != 0) return 11;
        socklen_t length = sizeof address;
        getsockname(listener, (struct sockaddr *)&address, &length);
        printf("port %d\n", ntohs(address.sin_port));
        fflush(stdout);
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(listener, &readable);
        if (select(listener + 1, &readable, NULL, NULL, NULL) != 1) return 12;
        int conn = accept(listener, NULL, NULL);
        char buffer[256];
        ssize_t got;
        while ((got = read(conn, buffer, sizeof buffer)) > 0) write(conn, buffer, (size_t)got);
        close(conn);
        close(listener);
        return 0;
    }
    """#

    /// Connects without blocking (EINPROGRESS, poll, SO_ERROR), writes, reads the echo, shuts down its
    /// sending side, reads until end of stream.
    static let client = #"""
    #include <arpa/inet.h>
    #include <errno.h>
    #include <fcntl.h>
    #include <netinet/in.h>
    #include <poll.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <sys/socket.h>
    #include <unistd.h>
    int main(int argc, char **argv) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK);
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1])) };
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(s, (struct sockaddr *)&address, sizeof address) != 0 && errno != EINPROGRESS) return 20;
        struct pollfd wait = { .fd = s, .events = POLLOUT };
        if (poll(&wait, 1, 5000) != 1) return 21;
        int pending = -1;
        socklen_t length = sizeof pending;
        getsockopt(s, SOL_SOCKET, SO_ERROR, &pending, &length);
        if (pending != 0) return 22;
        fcntl(s, F_SETFL, fcntl(s, F_GETFL) & ~O_NONBLOCK);
        write(s, "ping", 4);
        char buffer[16];
        ssize_t got = read(s, buffer, sizeof buffer);
        printf("echo %.*s\n", (int)got, buffer);
        fflush(stdout);
        shutdown(s, SHUT_WR);
        while (read(s, buffer, sizeof buffer) > 0) {}
        close(s);
        return 0;
    }
    """#

    /// Listens, forks a child that connects and writes, accepts and reads, waits for the child.
    static let forking = #"""
    #include <arpa/inet.h>
    #include <netinet/in.h>
    #include <sys/socket.h>
    #include <sys/wait.h>
    #include <unistd.h>
    int main(void) {
        int listener = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = 0 };
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(listener, (struct sockaddr *)&address, sizeof address);
        listen(listener, 1);
        socklen_t length = sizeof address;
        getsockname(listener, (struct sockaddr *)&address, &length);
        pid_t child = fork();
        if (child == 0) {
            close(listener);
            int s = socket(AF_INET, SOCK_STREAM, 0);
            if (connect(s, (struct sockaddr *)&address, sizeof address) != 0) _exit(30);
            write(s, "from the child", 14);
            close(s);
            _exit(5);
        }
        int conn = accept(listener, NULL, NULL);
        char buffer[64];
        while (read(conn, buffer, sizeof buffer) > 0) {}
        int status = 0;
        waitpid(child, &status, 0);
        return WIFEXITED(status) && WEXITSTATUS(status) == 5 ? 0 : 31;
    }
    """#

    /// Forks 100 children; each makes a socket and closes it, then exits with its number modulo 7.
    static let hundredChildren = #"""
    #include <sys/socket.h>
    #include <sys/wait.h>
    #include <unistd.h>
    int main(void) {
        for (int i = 0; i < 100; i++) {
            pid_t child = fork();
            if (child < 0) return 40;
            if (child == 0) {
                int s = socket(AF_INET, SOCK_STREAM, 0);
                close(s);
                _exit(i % 7);
            }
        }
        int status, reaped = 0;
        while (wait(&status) > 0) reaped++;
        return reaped == 100 ? 0 : 41;
    }
    """#

    /// Writes through a null pointer.
    static let crash = #"""
    #include <stdio.h>
    int main(void) {
        volatile int *nowhere = NULL;
        puts("about to crash");
        fflush(stdout);
        *nowhere = 1;
        return 0;
    }
    """#
}
#endif

#if os(Linux)
extension CPrograms {
    /// Talks to itself over loopback with the less common calls: writev/readv, sendmsg/recvmsg, dup/dup2,
    /// ppoll with a timeout, setsockopt(TCP_NODELAY, SO_LINGER), getpeername, shutdown(SHUT_RDWR),
    /// and a socketpair (a local socket, not TCP).
    static let vectored = #"""
    #define _GNU_SOURCE
    #include <arpa/inet.h>
    #include <netinet/in.h>
    #include <netinet/tcp.h>
    #include <poll.h>
    #include <stdio.h>
    #include <string.h>
    #include <sys/socket.h>
    #include <sys/uio.h>
    #include <time.h>
    #include <unistd.h>
    int main(void) {
        int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = 0 };
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(listener, (struct sockaddr *)&address, sizeof address);
        listen(listener, 1);
        socklen_t length = sizeof address;
        getsockname(listener, (struct sockaddr *)&address, &length);
        int client = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct linger linger = { .l_onoff = 1, .l_linger = 2 };
        setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
        if (connect(client, (struct sockaddr *)&address, sizeof address) != 0) return 50;
        struct sockaddr_in peer;
        socklen_t peerLength = sizeof peer;
        int server = accept4(listener, (struct sockaddr *)&peer, &peerLength, SOCK_CLOEXEC);
        struct sockaddr_in seen;
        socklen_t seenLength = sizeof seen;
        getpeername(client, (struct sockaddr *)&seen, &seenLength);

        struct iovec out[2] = { { "vec", 3 }, { "tored", 5 } };
        writev(client, out, 2);
        char a[4], b[16];
        struct iovec in[2] = { { a, sizeof a }, { b, sizeof b } };
        struct pollfd ready = { .fd = server, .events = POLLIN };
        struct timespec timeout = { 2, 500000000 };
        if (ppoll(&ready, 1, &timeout, NULL) != 1) return 51;
        if (readv(server, in, 2) != 8) return 52;

        struct iovec message = { "by sendmsg", 10 };
        struct msghdr header = { .msg_iov = &message, .msg_iovlen = 1 };
        sendmsg(server, &header, MSG_NOSIGNAL);
        char back[32];
        struct iovec into = { back, sizeof back };
        struct msghdr receive = { .msg_iov = &into, .msg_iovlen = 1 };
        if (recvmsg(client, &receive, 0) != 10) return 53;

        int copy = dup(client);
        dup2(copy, 20);
        write(20, "via 20", 6);
        close(copy);
        close(20);
        shutdown(client, SHUT_RDWR);
        close(client);
        close(server);
        close(listener);

        int pair[2];
        socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
        write(pair[0], "local", 5);
        close(pair[0]);
        close(pair[1]);
        puts("done");
        return 0;
    }
    """#
}
#endif
