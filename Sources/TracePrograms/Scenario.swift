import TraceCore
import TraceSockets

/// Who calls what, with which data, in which order: the script a lesson runs for real.
///
/// `actions` are listed in teaching order. Each actor runs its own actions on its own thread, in that
/// order; when walked step by step, every action waits its turn in the list.
public struct Scenario: Sendable, Hashable {
    public var id: String
    public var actors: [Actor]
    public var actions: [Action]

    public init(id: String, actors: [Actor], actions: [Action]) {
        self.id = id
        self.actors = actors
        self.actions = actions
    }

    public struct Actor: Sendable, Hashable {
        public enum Role: String, Sendable, Hashable { case server, client }
        /// A name the actions refer to: `server`, `client`, `client2`.
        public var name: String
        public var role: Role

        public init(_ name: String, role: Role) {
            self.name = name
            self.role = role
        }
    }

    public struct Action: Sendable, Hashable {
        public var actor: String
        public var call: Call
        /// The seed step this action illustrates.
        public var step: Int?
        /// An error the call is expected to fail with (`ECONNREFUSED`): the lesson shows it.
        public var expectedError: String?
        /// Actions (by index) that must be done before this one starts, beyond the implicit rules.
        public var after: [Int]
        /// How many times the call is made (at least once). With `expectedError`, the repetition stops at
        /// the first failure, which must be that error (`send` until `EPIPE`, at most `repeatCount` times).
        public var repeatCount: Int
        /// Where the action is written: its line in the lesson file, when it came from one. Not part
        /// of what the action is: the same scenario written in two files is the same scenario.
        public var line: Int?

        public static func == (a: Action, b: Action) -> Bool {
            a.actor == b.actor && a.call == b.call && a.step == b.step && a.expectedError == b.expectedError
                && a.after == b.after && a.repeatCount == b.repeatCount
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(actor)
            hasher.combine(call)
            hasher.combine(step)
            hasher.combine(expectedError)
            hasher.combine(after)
            hasher.combine(repeatCount)
        }

        public init(_ actor: String, _ call: Call, step: Int? = nil, expect expectedError: String? = nil,
                    after: [Int] = [], repeat repeatCount: Int = 1, line: Int? = nil) {
            self.line = line
            self.actor = actor
            self.call = call
            self.step = step
            self.expectedError = expectedError
            self.after = after
            self.repeatCount = repeatCount
        }
    }

    /// What an action does. Calls on "the connection" use the actor's current one: its own socket for
    /// a client, the last accepted one for a server (or the one numbered by `connection`).
    public enum Call: Sendable, Hashable {
        case socket
        case setOption(SocketOption, Int32)
        /// Binds to the run's host; `port` nil means the run's port (0: the kernel chooses),
        /// or the port another actor is bound to (to show EADDRINUSE).
        case bind(port: PortChoice)
        case listen(backlog: Int32)
        case accept
        /// Connects to another actor's listening address, or to a port where nobody listens.
        case connect(to: Target)
        case send(Payload, connection: Int? = nil)
        case sendAll(Payload, connection: Int? = nil)
        /// One `recv()` of at most `maxBytes`, or repeated until `until` is met.
        case recv(maxBytes: Int, until: RecvUntil = .once, connection: Int? = nil)
        /// The program shows what it last received (the seed's `print()`).
        case print
        case shutdown(ShutdownHow, connection: Int? = nil)
        /// Closes the current connection (or the actor's only socket).
        case close(connection: Int? = nil)
        case closeListener
        /// Reads the kernel's view of the actor's socket (`TCP_INFO`): the listener for `.acceptQueue`,
        /// otherwise the current connection (or the one numbered). With a condition, waits until the
        /// kernel reports it, at most the run's timeout; where the platform gives no view, does not wait.
        case tcpInfo(until: KernelCondition? = nil, connection: Int? = nil)
    }

    /// Where `bind` binds.
    public enum PortChoice: Sendable, Hashable {
        /// The run's host and port.
        case runPort
        /// The address another actor is bound to.
        case sameAs(String)
        /// Every address of the machine (`0.0.0.0` or `::`), at the run's port.
        case anyAddress
    }

    /// Something the kernel reports that a `tcpInfo` action can wait for.
    public typealias KernelCondition = TraceCore.KernelCondition

    public enum Target: Sendable, Hashable {
        case actor(String)
        /// A port on the run's host where nobody listens (it was just released).
        case closedPort
        /// A server outside the scenario (`trace client`): a host name or address, and a port.
        case address(host: String, port: UInt16)
    }

    public enum RecvUntil: Sendable, Hashable {
        case once
        /// Keep receiving until the peer closes (`recv` returns 0).
        case closed
        /// Keep receiving until this many bytes arrived in all.
        case bytes(Int)
        /// Keep receiving until what arrived contains this delimiter (a newline, say).
        case delimiter([UInt8])
    }

    /// Text sent, or raw bytes (a lesson can send anything, even invalid UTF-8).
    public enum Payload: Sendable, Hashable {
        case text(String)
        case bytes([UInt8])
        /// `count` copies of `text` (a big message from a short description).
        case repeated(String, count: Int)

        public var bytes: [UInt8] {
            switch self {
            case .text(let s): return Array(s.utf8)
            case .bytes(let b): return b
            case .repeated(let s, let n): return Array(repeating: Array(s.utf8), count: max(n, 0)).flatMap { $0 }
            }
        }
    }

    public func role(of actor: String) -> Actor.Role? { actors.first { $0.name == actor }?.role }

    /// The numbered steps, in order.
    public var steps: [Int] {
        var seen: [Int] = []
        for action in actions { if let s = action.step, !seen.contains(s) { seen.append(s) } }
        return seen
    }
}
