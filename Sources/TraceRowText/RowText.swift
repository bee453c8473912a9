import TraceCore
import TraceModel
import TraceText

/// The words of one diagram row, in parts that say what each is: the call and its arguments, its
/// result, a payload, the TCP state, the extras. Format-neutral: the terminal colours the parts and
/// drops the least important on a narrow line; a Mermaid file, an SVG or a page put them in their own
/// markup. Pure: what to say comes from the row alone.
public struct RowText: Sendable, Hashable {
    /// What a part is, which says how it may look.
    public enum Role: Sendable, Hashable {
        /// The call (or the program's moment) itself, in its side's voice.
        case call
        /// A result, a quote mark around a payload: plain text.
        case plain
        /// Text from the peer, already escaped (see `SafeText`), shown between quotes.
        case payload
        /// Said in passing: a note, an address, why the tool acted.
        case aside
        /// A TCP state the socket has just entered.
        case stateChanged
        /// A TCP state the socket was already in (or a listener's queue).
        case stateSteady
        /// A state that means an end is under way (`CLOSE_WAIT`, `FIN_WAIT2`, ...).
        case stateClosing
        case error
    }

    /// Which parts give way first when there is little room.
    public enum Priority: Sendable, Hashable, Comparable {
        /// Always shown.
        case essential
        /// Given up first: a peer's address, `ok` after a call that cannot fail quietly.
        case extra
        /// A TCP state that did not change.
        case steadyState
        /// A traced program's real system call beside the lesson's name (`[accept4]`).
        case systemCall
        /// A TCP state: given up last.
        case state
    }

    public struct Part: Sendable, Hashable {
        public var text: String
        public var role: Role
        /// A shorter form, for a narrow line (`14 B` for `→ 14 bytes`).
        public var short: String?
        public var priority: Priority

        public init(_ text: String, _ role: Role, short: String? = nil, priority: Priority = .essential) {
            self.text = text
            self.role = role
            self.short = short
            self.priority = priority
        }

        /// A TCP state, or a listener's queue.
        public var isState: Bool { [.stateChanged, .stateSteady, .stateClosing].contains(role) }
    }

    public private(set) var parts: [Part] = []

    public init(parts: [Part]) { self.parts = parts }

    /// The words of `row` in `wording`.
    public init(_ row: Row, wording: Wording) {
        var builder = Builder(wording: wording)
        builder.prefix(row)
        switch row.kind {
        case .waiting: builder.waiting(row)
        case .moment: builder.moment(row)
        case .call: builder.call(row)
        case .segment: builder.segment(row)
        }
        parts = builder.parts
    }

    /// Every part's full text, one after the other.
    public var text: String { parts.map(\.text).joined() }

    /// The parts `keep` accepts, in order.
    public func filter(_ keep: (Part) -> Bool) -> RowText { RowText(parts: parts.filter(keep)) }
}

/// Builds a row's parts; the words themselves are `DiagramWords`'.
private struct Builder {
    let wording: Wording
    let words: DiagramWords
    var parts: [RowText.Part] = []

    init(wording: Wording) {
        self.wording = wording
        words = DiagramWords(wording)
    }

    private var result: String { " " + wording.resultMark + " " }

    private mutating func add(_ text: String, _ role: RowText.Role, short: String? = nil, priority: RowText.Priority = .essential) {
        parts.append(RowText.Part(text, role, short: short, priority: priority))
    }

    /// Text from a peer, already escaped, between quotes; a quote inside it is shown as `\"`.
    private mutating func addPayload(_ escaped: String) {
        add("\"", .plain)
        add(escaped.replacingQuotes(), .payload)
        add("\"", .plain)
    }

    private func outside(_ text: String) -> String { wording.outside(text) }

    /// A connection's number and client address (`#3 127.0.0.1:53122 `), when the run has several;
    /// the address gives way first.
    mutating func prefix(_ row: Row) {
        if let process = row.process { add("pid \(process) ", .aside) }
        if let thread = row.thread { add("tid \(thread) ", .aside) }
        guard let connection = row.connection else { return }
        add("#\(connection)", .aside)
        if let endpoint = row.endpoint { add(" " + outside(endpoint), .aside, priority: .extra) }
        add(" ", .aside)
    }

    /// The tool's own rows are in passing; the programs' calls in their side's voice.
    private func voice(_ row: Row) -> RowText.Role { row.byTool ? .aside : .call }

    mutating func waiting(_ row: Row) {
        add("\(row.event.operation.rawValue)()", voice(row))
        add(" " + wording.ellipsis, .aside)
        add(" " + words.waitingForConnection, .aside, priority: .extra)
    }

    // MARK: - Segments

    /// A captured segment's numbers as Wireshark writes them (`Seq=1 Ack=1 Win=65536 Len=14`); its flags
    /// go on the arrow. The window gives way first, then the acknowledgement, then the sequence number.
    mutating func segment(_ row: Row) {
        guard let s = row.event.segment else { return }
        add("Seq=\(s.sequence)", .aside, priority: .state)
        if let ack = s.acknowledgement { add(" Ack=\(ack)", .aside, priority: .steadyState) }
        add(" Win=\(s.shownWindow)", .aside, priority: .extra)
        if s.payloadLength > 0 { add(" Len=\(s.payloadLength)", .plain) }
        if let mss = s.maximumSegmentSize { add(" MSS=\(mss)", .aside, priority: .extra) }
        if let shift = s.windowScale { add(" WS=\(1 << min(Int(shift), 14))", .aside, priority: .extra) }
    }

    // MARK: - Moments

    mutating func moment(_ row: Row) {
        let e = row.event
        let voice = voice(row)
        switch e.operation {
        case .print:
            add("print(", voice)
            if var preview = e.preview {
                // A traced program's own line: its final newline goes without saying.
                if e.pid != nil, preview.hasSuffix("\\n"), !preview.hasSuffix("\\\\n") { preview.removeLast(2) }
                addPayload(outside(preview))
            }
            add(")", voice)
            if e.text == "stderr" { add(" [stderr]", .aside, priority: .extra) }
            if let writes = e.sendCalls, writes > 1 { add(" " + words.writes(writes), .aside, priority: .extra) }
        case .fork:
            add("\(outside(e.text ?? "fork"))()", voice)
            if let child = e.returnValue { add(result + "pid \(child)", .plain) }
        case .thread:
            add(words.newThread(e.returnValue.map(String.init) ?? "?"), voice)
        case .exec:
            let path = outside(e.text ?? "")
            add("exec ", voice)
            add(path, .plain, short: path.split(separator: "/").last.map(String.init) ?? path)
        case .exit:
            add("exit(\(e.exitStatus.map(String.init) ?? "?"))", voice)
        case .signal:
            add(words.killed(by: outside(e.signal ?? "?"), coreDumped: e.text == "core dumped"), .error)
            if let status = e.exitStatus { add(result + words.status(status), .plain) }
        case .peerClosed:
            add(words.closureDetected(short: false), voice, short: words.closureDetected(short: true))
        case .note:
            add(outside(e.text ?? ""), .aside)
        case .stop:
            add(words.toolStop(reason: e.text.map(outside)), .aside)
        case .timeout:
            add(words.toolTimeout(call: outside(e.text ?? "?"), milliseconds: e.timeout), .aside)
        case .tcpInfo:
            // The program asked the kernel for its view: what it waited for, then the state.
            add("getsockopt(TCP_INFO)", voice, short: "TCP_INFO")
            if let queue = e.tcp?.acceptQueue {
                add(" " + words.queue(queue), .stateSteady)
            } else if let received = e.tcp?.bytesReceived, case .bytesReceived? = e.kernelCondition {
                add(result + wording.words("recibidos: ", "received: ") + words.bytes(Int(received)), .plain)
            }
            if let state = e.tcp?.state, state != .listen {
                add(" [\(state.name)]", state.isClosing ? .stateClosing : .stateChanged, priority: .state)
            }
        default:
            add(outside(e.operation.rawValue), voice)
            if let text = e.text { add(": " + outside(text), .aside) }
        }
    }

    // MARK: - Calls

    mutating func call(_ row: Row) {
        let e = row.event
        let voice = voice(row)
        let failed = e.error != nil
        if row.byTool { add("trace: ", .aside) }
        let callStart = parts.count
        switch e.operation {
        case .socket:
            let family = e.family.map { $0 == "ipv6" ? "AF_INET6, SOCK_STREAM" : "AF_INET, SOCK_STREAM" } ?? ""
            add("socket(\(family))", voice, short: "socket()")
            if !failed, let fd = e.newFD { add(result + "fd \(fd)", .plain) }
        case .setsockopt:
            let value = e.optionValue.map { ", \($0)" } ?? ""
            add("setsockopt(\(outside(e.option ?? "?"))\(value))", voice)
            if !failed { add(result + words.ok, .plain, priority: .extra) }
        case .bind:
            add("bind(\(outside(e.address ?? "")))", voice, short: "bind()")
            if !failed { add(result + (row.chosenPort.map { words.port(String($0)) } ?? words.ok), .plain) }
        case .listen:
            add("listen(\(e.backlog.map(String.init) ?? ""))", voice)
            if !failed { add(result + words.ok, .plain, priority: .extra) }
        case .accept:
            add("accept()", voice)
            if !failed, let fd = e.newFD {
                add(result + "fd \(fd)", .plain)
                if let peer = row.peer { add(" (" + outside(peer) + ")", .aside, priority: .extra) }
            }
            if let queue = row.queue { add(" " + words.queue(queue), .stateSteady, priority: .state) }
        case .connect:
            add("connect(\(outside(e.address ?? "")))", voice, short: "connect()")
            if !failed { add(result + words.ok, .plain) }
        case .send, .sendall:
            add(e.operation.rawValue + "(", voice)
            if let preview = e.preview { addPayload(outside(preview)) }
            else if let asked = e.requestedBytes { add(words.bytes(asked), .plain) }
            add(")", voice)
            if !failed, let n = e.bytes {
                add(result + words.bytes(n), .plain, short: result + "\(n) B")
                if let calls = e.sendCalls, calls > 1 { add(" " + words.sendCalls(calls), .aside, priority: .extra) }
            }
        case .recv:
            add("recv(\(e.requestedBytes.map(String.init) ?? ""))", voice)
            if !failed, let n = e.bytes { add(result + words.bytes(n), .plain, short: result + "\(n) B") }
        case .poll, .select, .epollWait:
            let wait = e.timeout.map { words.milliseconds($0) } ?? ""
            let events = outside(e.text ?? "POLLIN")
            add(e.operation.rawValue + "(" + (e.fd.map { "fd \($0), " } ?? "") + "\(events), \(wait))", voice,
                short: e.operation.rawValue + "()")
            if !failed, let ready = e.returnValue { add(result + (ready > 0 ? words.ready(ready) : words.pollTimedOut), .plain) }
        case .getsockname, .getpeername:
            add(e.operation.rawValue + "()", voice)
            let address = e.operation == .getsockname ? e.local : e.remote
            if !failed { add(result + (address.map(outside) ?? words.ok), .plain) }
        case .getsockopt:
            add("getsockopt(\(outside(e.option ?? "?")))", voice)
            if !failed { add(result + outside(e.text ?? e.optionValue.map(String.init) ?? words.ok), .plain) }
        case .fcntl:
            add("fcntl(" + (e.fd.map { "fd \($0), " } ?? "") + outside(e.option ?? "?")
                + (e.text.map { ", " + outside($0) } ?? "") + ")", voice, short: "fcntl()")
            if !failed { add(result + words.ok, .plain, priority: .extra) }
        case .dup:
            add("dup(" + (e.fd.map { "fd \($0)" } ?? "") + ")", voice)
            if !failed, let fd = e.newFD { add(result + "fd \(fd)", .plain) }
        case .epollCtl:
            add("epoll_ctl(" + outside(e.option ?? "?") + (e.fd.map { ", fd \($0)" } ?? "") + ")", voice, short: "epoll_ctl()")
            if !failed { add(result + words.ok, .plain, priority: .extra) }
        case .shutdown:
            add("shutdown(" + (row.byTool ? (e.fd.map { "fd \($0), " } ?? "") : "") + "\(outside(e.how ?? "")))", voice)
            if !failed { add(result + words.ok, .plain, priority: .extra) }
        case .close:
            add("close(" + (e.fd.map { "fd \($0)" } ?? "") + ")", voice, short: "close()")
            if !failed { add(result + words.ok, .plain, priority: .extra) }
        default:
            let argument = e.address.map(outside) ?? ""
            add(outside(e.operation.rawValue) + "(" + argument + ")", voice)
            if !failed { add(result + (e.bytes.map(words.bytes) ?? words.ok), .plain) }
        }
        if let real = e.systemCall {
            // Beside the call itself: the first part from the call on that closes its parenthesis.
            let at = parts.indices.first { $0 >= callStart && parts[$0].role == .call && parts[$0].text.hasSuffix(")") }
            parts.insert(RowText.Part(" [\(outside(real))]", .aside, priority: .systemCall), at: at.map { $0 + 1 } ?? parts.count)
        }
        if let error = e.error {
            add(result + outside(error.name), .error)
            add(" (" + outside(words.explanation(of: error)) + ")", .aside, priority: .extra)
        }
        if row.byTool, e.operation == .shutdown { add(" " + words.toStop, .aside, priority: .extra) }
        if row.byTool, e.operation == .close { add(" " + words.cleanup, .aside, priority: .extra) }
        if row.wokenByStop { add(" " + words.wokenByStop, .aside) }
        if let state = row.state {
            let role: RowText.Role = state.isClosing ? .stateClosing : (state.changed ? .stateChanged : .stateSteady)
            add(" [\(state.state.name)]", role, priority: state.changed ? .state : .steadyState)
        }
    }
}
