/// A traced program entering a system call, seen while it was stopped there, before the call ran.
public struct SyscallEntry: Sendable, Hashable {
    /// Numbers the calls of one run, so that a start and its finish pair up (0, 1, 2, ... in entry order).
    public let sequence: Int
    /// The process (thread-group id) and the thread that made the call.
    public let pid: Int32
    public let tid: Int32
    /// CLOCK_MONOTONIC nanoseconds when the tracer saw the thread stopped at the entry.
    public let time: UInt64
    /// CLOCK_MONOTONIC nanoseconds when the tracer let the call run (after the gate, if there is one):
    /// the call cannot have started before this.
    public internal(set) var released: UInt64
    public let call: SystemCall
    public let arguments: CallArguments
    /// What the tracer knew of the descriptor (`arguments.fd`) when the call began; nil when it is not a socket.
    public let socket: SocketKind?

    /// The name the lesson gives the call.
    public var lessonName: LessonCall { call.lessonName }
    /// The descriptor the call works on.
    public var fd: Int32? { arguments.fd }

    init(sequence: Int, pid: Int32, tid: Int32, time: UInt64, call: SystemCall, arguments: CallArguments,
         socket: SocketKind?) {
        self.sequence = sequence
        self.pid = pid
        self.tid = tid
        self.time = time
        self.released = time
        self.call = call
        self.arguments = arguments
        self.socket = socket
    }
}
