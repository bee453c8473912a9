/// How a trace was made, carried by its first event (`op: header`): which source produced it, whose calls
/// it holds, the step plan it follows, how it was paced, the tool's version, and its clock. Replay, merge
/// and every export read it, so that they draw exactly what the live run drew.
public struct TraceHeader: Hashable, Sendable {
    public enum Source: String, Hashable, Sendable, CaseIterable {
        /// `trace`'s own client and server programs (the demo, lessons, `trace server`, `trace client`).
        case builtIn = "builtin"
        /// Another program, traced by the kernel (`trace run`).
        case program
        /// Captured TCP segments only.
        case capture
        /// Several recordings merged into one (`trace merge`).
        case merge
    }

    /// How the calls were paced, which says what the time column measures.
    public enum Pacing: Hashable, Sendable {
        /// As fast as the programs go.
        case free
        /// Each step waited `milliseconds` first (`--delay`).
        case delay(milliseconds: Int)
        /// Each step waited for the learner's key (`--step`): times include reading time.
        case stepped
    }

    /// Where the trace's clock starts, so that packets and other machines' recordings can be aligned.
    public struct Clock: Hashable, Sendable {
        /// `CLOCK_MONOTONIC` nanoseconds at `t_ns` 0.
        public var monotonicOrigin: UInt64
        /// `CLOCK_REALTIME` nanoseconds since 1970 at that same moment.
        public var wallAtOrigin: Int64

        public init(monotonicOrigin: UInt64, wallAtOrigin: Int64) {
            self.monotonicOrigin = monotonicOrigin
            self.wallAtOrigin = wallAtOrigin
        }
    }

    /// TCP segments captured while the trace was made (`--packets`): the arrows of its connections are
    /// the segments seen, never inferred ones.
    public struct Capture: Hashable, Sendable {
        /// The interface captured on: `lo`.
        public var interface: String

        public init(interface: String = "lo") { self.interface = interface }
    }

    /// A program `trace run` traced: which actor it played and the command line it was started with.
    public struct Program: Hashable, Sendable {
        public var actor: TraceEvent.Actor
        /// The program followed by its arguments, as it was started (`{port}` already replaced).
        public var arguments: [String]

        public init(actor: TraceEvent.Actor, arguments: [String]) {
            self.actor = actor
            self.arguments = arguments
        }
    }

    public var source: Source
    /// The subcommand that made it: `demo`, `lesson`, `server`, `client`, `merge`, `run`.
    public var command: String
    /// The actors whose calls were traced; the others are seen from the network only.
    public var traced: [TraceEvent.Actor]
    /// The numbered steps the run follows, in teaching order, and its id (`seed`, a lesson's id).
    public var plan: StepPlan?
    public var pacing: Pacing
    /// `trace` and its version.
    public var tool: String
    /// Set by the `Tracer` when the trace begins (unless the header already has it).
    public var clock: Clock?
    /// Whether, and where, TCP segments were captured.
    public var packets: Capture?
    /// The programs a `trace run` traced, with their command lines.
    public var programs: [Program]

    public init(source: Source, command: String, traced: [TraceEvent.Actor], plan: StepPlan? = nil,
                pacing: Pacing = .free, tool: String = TraceHeader.toolVersion, clock: Clock? = nil, packets: Capture? = nil,
                programs: [Program] = []) {
        self.source = source
        self.command = command
        self.traced = traced
        self.plan = plan
        self.pacing = pacing
        self.tool = tool
        self.clock = clock
        self.packets = packets
        self.programs = programs
    }

    /// This build's name and version, written into every recording.
    public static let toolVersion = "trace 0.3.0"

    /// Whether `actor`'s own calls are in the trace (otherwise it is a peer seen from the network).
    public func traces(_ actor: TraceEvent.Actor) -> Bool { traced.contains(actor) }
}

extension TraceEvent {
    /// The header event that opens a trace.
    public init(header: TraceHeader) {
        self.init(phase: .instant, actor: .tool, operation: .header)
        self.header = header
    }
}
