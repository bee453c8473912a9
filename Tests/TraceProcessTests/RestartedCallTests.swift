#if os(Linux)
import Synchronization
import Testing
import TraceCore
import TraceProcess
import TraceSockets

/// A call interrupted by a signal whose handler has SA_RESTART: the kernel runs it again, and the
/// program sees one call. So does the trace.
@Suite("A call the kernel restarts after a signal", .enabled(if: Tools.has("gcc"), "SKIPPED: gcc is not installed"))
struct RestartedCallTests {
    static let server = #"""
    #include <arpa/inet.h>
    #include <signal.h>
    #include <stdio.h>
    #include <string.h>
    #include <sys/socket.h>
    #include <sys/time.h>
    #include <unistd.h>
    static void tick(int signal) { (void)signal; write(1, "tick\n", 5); }
    int main(void) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = tick;
        action.sa_flags = SA_RESTART;
        sigaction(SIGALRM, &action, NULL);
        int listener = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = 0 };
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(listener, (struct sockaddr *)&address, sizeof address);
        listen(listener, 1);
        struct itimerval timer = { .it_value = { .tv_sec = 0, .tv_usec = 50000 } };
        setitimer(ITIMER_REAL, &timer, NULL);
        int conn = accept(listener, NULL, NULL);
        if (conn < 0) return 3;
        close(conn);
        close(listener);
        return 0;
    }
    """#

    @Test("one start, one done, no error: the interrupted return is not drawn as a failure")
    func restartedAccept() throws {
        let scratch = Scratch()
        let program = try #require(scratch.compileC("restart", Self.server))
        let sink = MemorySink()
        let trace = ProgramTrace(sink: sink, programs: .single([program], side: .server))
        let (tracer, port) = try startListening([program], into: trace, as: .single)
        defer { tracer.stop() }
        // The handler has run (its print is drawn) while accept() waited: now a client comes.
        #expect(eventually(within: 20) { sink.events.contains { $0.operation == .print && $0.preview == "tick\\n" } })
        let client = try Socket.tcp(.ipv4)
        try client.connect(to: .loopback(port: port))
        try client.close()
        let outcome = try #require(tracer.wait(timeout: .seconds(20)))
        trace.finish()
        #expect(outcome.shellStatus == 0)
        let accepts = sink.events.filter { $0.operation == .accept }
        #expect(accepts.map(\.phase) == [.start, .done], "\(accepts.map(\.phase))")
        let done = try #require(accepts.last)
        #expect(done.error == nil && done.newFD != nil && done.callID == accepts.first?.seq)
        let tick = try #require(sink.events.first { $0.operation == .print })
        #expect(accepts[0].time < tick.time && tick.time < done.time)
    }
}
#endif
