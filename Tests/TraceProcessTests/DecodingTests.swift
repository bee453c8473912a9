import Testing
import TraceCore
@testable import TraceProcess
import TraceSockets

@Suite("Decoding what the kernel hands over")
struct DecodingTests {
    @Test("a Linux sockaddr_in and sockaddr_in6, as raw bytes")
    func socketAddresses() {
        let ipv4: [UInt8] = [2, 0, 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(ipv4.withUnsafeBytes { SocketAddress(kernelBytes: $0) } == SocketAddress(numericHost: "127.0.0.1", port: 8080))
        var ipv6 = [UInt8](repeating: 0, count: 28)
        ipv6[0] = 10
        ipv6[2] = 0x13
        ipv6[3] = 0x88
        ipv6[23] = 1
        let decoded = ipv6.withUnsafeBytes { SocketAddress(kernelBytes: $0) }
        #expect(decoded?.host == "::1")
        #expect(decoded?.port == 5000)
        let unix: [UInt8] = [1, 0] + Array("/tmp/sock".utf8)
        #expect(unix.withUnsafeBytes { SocketAddress(kernelBytes: $0) } == nil)
        #expect(ipv4.prefix(6).withUnsafeBytes { SocketAddress(kernelBytes: $0) } == nil)
    }

    @Test("tcp_info bytes: fields beyond what the kernel filled are absent")
    func tcpInfo() {
        var bytes = [UInt8](repeating: 0, count: 104)
        bytes[0] = 10  // LISTEN
        bytes[24] = 3  // unacked: the accept queue of a listener
        bytes[28] = 128
        let info = bytes.withUnsafeBytes { TCPInfo(kernelBytes: $0) }
        #expect(info.state == .listen)
        #expect(info.acceptQueue == 3)
        #expect(info.backlog == 128)
        #expect(info.bytesAcked == nil)
    }

    @Test("flags by their C names")
    func flags() {
        #expect(MessageFlags([.dontWait, .noSignal]).description == "MSG_DONTWAIT|MSG_NOSIGNAL")
        #expect(MessageFlags(rawValue: 0).description == "0")
        #expect(MessageFlags(rawValue: 0x40 | 0x10_0000).description == "MSG_DONTWAIT|0x100000")
        #expect(SocketFlags(rawValue: 0x80800).description == "SOCK_NONBLOCK|SOCK_CLOEXEC")
        #expect(PollEvents([.readable, .hangUp]).description == "POLLIN|POLLHUP")
        #expect(SocketType(linuxValue: 1 | 0x80000) == .stream)
        #expect(AddressFamily(linuxValue: 10).name == "AF_INET6")
        #expect(SocketOptionName(level: 6, option: 1) == .noDelay)
        #expect(SocketOptionName.noDelay.name == "TCP_NODELAY")
        #expect(SocketOptionName(level: 1, option: 99).name == "level 1 option 99")
    }

    @Test("option values by their layout")
    func optionValues() {
        let one: [UInt8] = [1, 0, 0, 0]
        #expect(SocketOptionValue(layout: SocketOptionName.reuseAddress.layout, bytes: one) == .integer(1))
        #expect(SocketOptionValue(layout: SocketOptionName.linger.layout, bytes: [1, 0, 0, 0, 0, 0, 0, 0]) == .linger(enabled: true, seconds: 0))
        #expect(SocketOptionValue(layout: SocketOptionName.error.layout, bytes: [0, 0, 0, 0]) == .pendingError(nil))
        #expect(SocketOptionValue(layout: SocketOptionName.error.layout, bytes: [111, 0, 0, 0]) == .pendingError(Errno(rawValue: 111)))
        #expect(SocketOptionValue(layout: SocketOptionName.congestion.layout, bytes: Array("cubic".utf8) + [0, 0]) == .text("cubic"))
        #expect(SocketOptionValue(layout: .integer, bytes: [1, 2]) == .bytes([1, 2]))
    }

    @Test("signals by name")
    func signals() {
        #expect(Signal(rawValue: 11).name == "SIGSEGV")
        #expect(Signal(rawValue: 9).name == "SIGKILL")
        #expect(Signal(rawValue: 13).name == "SIGPIPE")
        #expect(Signal(rawValue: 34).name == "SIG34")
    }

    @Test("lesson names: accept4 is accept, recvfrom and read are recv, sendto and write are send")
    func lessonNames() {
        #expect(SystemCall.accept4.lessonName == .accept)
        #expect(SystemCall.recvfrom.lessonName == .recv)
        #expect(SystemCall.read.lessonName == .recv)
        #expect(SystemCall.sendto.lessonName == .send)
        #expect(SystemCall.writev.lessonName == .send)
        #expect(SystemCall.epollPwait.lessonName == .epollWait)
        #expect(SystemCall.pselect6.lessonName == .select)
        #expect(SystemCall.epollPwait.name == "epoll_pwait")
    }

    @Test("the architecture's table: every traced call has one number, and aarch64's gaps are gaps")
    func table() {
        let numbers = SyscallTable.numbers
        #expect(Set(numbers.values).count == numbers.count)
        #expect(numbers[.send] == nil && numbers[.recv] == nil)
        #if arch(x86_64)
        #expect(numbers[.socket] == 41 && numbers[.accept4] == 288 && numbers[.poll] == 7)
        #elseif arch(arm64)
        #expect(numbers[.socket] == 198 && numbers[.accept4] == 242 && numbers[.poll] == nil && numbers[.dup2] == nil)
        #endif
        #expect(SyscallTable.filterNumbers == SyscallTable.filterNumbers.sorted())
    }

    @Test("the descriptor table follows dup, close, close_range and exec")
    func descriptors() {
        var table = DescriptorTable()
        let tcp = SocketKind(family: .inet, type: .stream, protocolNumber: 0)
        #expect(tcp.isTCP)
        #expect(!SocketKind(family: .unix, type: .stream, protocolNumber: 0).isTCP)
        table[3] = .socket(tcp)
        table.duplicate(3, to: 7)
        table.duplicate(1, to: 9)
        table.duplicate(5, to: 2)
        #expect(table[7] == .socket(tcp))
        #expect(table[9] == .output(stream: 1))
        #expect(table[2] == nil)
        table.close(3)
        #expect(table[3] == nil && table[7] == .socket(tcp))
        table.close(from: 8, through: 100)
        #expect(table[9] == nil && table[7] == .socket(tcp))
        table.forgetAcrossExec()
        #expect(table[7] == nil && table[1] == .output(stream: 1))
    }

    @Test("errors say the cause and the remedy, with a shell's exit status")
    func errors() {
        let refused = ProcessTraceError.ptraceRefused(.notPermitted, cause: .yamaScopeThree)
        #expect(refused.description.contains("ptrace_scope is 3"))
        #expect(refused.description.contains("reboot"))
        #expect(ProcessTraceError.ptraceRefused(.notPermitted, cause: .forbidden).description.contains("SYS_PTRACE"))
        #expect(ProcessTraceError.notExecutable("/x", .permissionDenied).exitStatus == 126)
        #expect(ProcessTraceError.unsupportedPlatform.exitStatus == 69)
        #expect(TraceOutcome(status: .signalled(.segmentationFault, coreDumped: false), wasStopped: false,
                             filter: .seccomp, stops: 1).shellStatus == 139)
    }
}
