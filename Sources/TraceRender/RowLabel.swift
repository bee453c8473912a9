import TraceCore
import TraceModel
import TraceText

/// The words of one row, as the terminal shows them: the call and its arguments, its result, the TCP
/// state, and the extras that give way on a narrow line. Pure: what to say comes from the row alone.
struct RowLabel {
    let style: DiagramStyle
    private let words: DiagramWords

    init(style: DiagramStyle) {
        self.style = style
        words = DiagramWords(style: style)
    }

    private var glyphs: Glyphs { style.glyphs }
    private var result: String { " " + glyphs.result + " " }

    func label(for row: Row) -> Label {
        var label = prefix(row)
        switch row.kind {
        case .waiting:
            label.add("\(row.event.operation.rawValue)()", tone(row))
            label.add(" " + glyphs.ellipsis, .faint)
            label.add(" " + words.waitingForConnection, .faint, dropAt: Label.dropsExtras)
        case .moment:
            moment(row, into: &label)
        case .call:
            call(row, into: &label)
        }
        return label
    }

    private func tone(_ row: Row) -> Tone {
        if row.byTool { return .faint }
        return row.side == .left ? .client : .server
    }

    // MARK: - Moments

    private func moment(_ row: Row, into label: inout Label) {
        let e = row.event
        let tone = tone(row)
        switch e.operation {
        case .print:
            label.add("print(", tone)
            if var preview = e.preview {
                // A traced program's own line: its final newline goes without saying.
                if e.pid != nil, preview.hasSuffix("\\n"), !preview.hasSuffix("\\\\n") { preview.removeLast(2) }
                label.addPayload(style.outside(preview))
            }
            label.add(")", tone)
            if e.text == "stderr" { label.add(" [stderr]", .faint, dropAt: Label.dropsExtras) }
            if let writes = e.sendCalls, writes > 1 { label.add(" " + words.writes(writes), .faint, dropAt: Label.dropsExtras) }
        case .fork:
            label.add("\(style.outside(e.text ?? "fork"))()", tone)
            if let child = e.returnValue { label.add(result + "pid \(child)", .plain) }
        case .thread:
            label.add(words.newThread(e.returnValue.map(String.init) ?? "?"), tone)
        case .exec:
            let path = style.outside(e.text ?? "")
            label.add("exec ", tone)
            label.add(path, .plain, short: path.split(separator: "/").last.map(String.init) ?? path)
        case .exit:
            label.add("exit(\(e.exitStatus.map(String.init) ?? "?"))", tone)
        case .signal:
            label.add(words.killed(by: style.outside(e.signal ?? "?"), coreDumped: e.text == "core dumped"), .error)
            if let status = e.exitStatus { label.add(result + words.status(status), .plain) }
        case .peerClosed:
            label.add(words.closureDetected(short: false), tone, short: words.closureDetected(short: true))
        case .note:
            label.add(style.outside(e.text ?? ""), .faint)
        case .stop:
            label.add(words.toolStop(reason: e.text.map(style.outside)), .faint)
        case .timeout:
            label.add(words.toolTimeout(call: style.outside(e.text ?? "?"), milliseconds: e.timeout), .faint)
        case .tcpInfo:
            // The program asked the kernel for its view: what it waited for, then the state.
            label.add("getsockopt(TCP_INFO)", tone, short: "TCP_INFO")
            if let queue = e.tcp?.acceptQueue {
                label.add(" " + words.queue(queue), .stateSteady)
            } else if let received = e.tcp?.bytesReceived, case .bytesReceived? = e.kernelCondition {
                label.add(result + style.words("recibidos: ", "received: ") + words.bytes(Int(received)), .plain)
            }
            if let state = e.tcp?.state, state != .listen {
                label.add(" [\(state.name)]", state.isClosing ? .stateClosing : .stateChanged, dropAt: Label.dropsState)
            }
        default:
            label.add(style.outside(e.operation.rawValue), tone)
            if let text = e.text { label.add(": " + style.outside(text), .faint) }
        }
    }

    // MARK: - Calls

    private func call(_ row: Row, into label: inout Label) {
        let e = row.event
        let tone = tone(row)
        let failed = e.error != nil
        if row.byTool { label.add("trace: ", .faint) }
        let callStart = label.parts.count
        switch e.operation {
        case .socket:
            let family = e.family.map { $0 == "ipv6" ? "AF_INET6, SOCK_STREAM" : "AF_INET, SOCK_STREAM" } ?? ""
            label.add("socket(\(family))", tone, short: "socket()")
            if !failed, let fd = e.newFD { label.add(result + "fd \(fd)", .plain) }
        case .setsockopt:
            let value = e.optionValue.map { ", \($0)" } ?? ""
            label.add("setsockopt(\(style.outside(e.option ?? "?"))\(value))", tone)
            if !failed { label.add(result + words.ok, .plain, dropAt: Label.dropsExtras) }
        case .bind:
            label.add("bind(\(style.outside(e.address ?? "")))", tone, short: "bind()")
            if !failed { label.add(result + (row.chosenPort.map { words.port(String($0)) } ?? words.ok), .plain) }
        case .listen:
            label.add("listen(\(e.backlog.map(String.init) ?? ""))", tone)
            if !failed { label.add(result + words.ok, .plain, dropAt: Label.dropsExtras) }
        case .accept:
            label.add("accept()", tone)
            if !failed, let fd = e.newFD {
                label.add(result + "fd \(fd)", .plain)
                if let peer = row.peer { label.add(" (" + style.outside(peer) + ")", .faint, dropAt: Label.dropsExtras) }
            }
            if let queue = row.queue { label.add(" " + words.queue(queue), .stateSteady, dropAt: Label.dropsState) }
        case .connect:
            label.add("connect(\(style.outside(e.address ?? "")))", tone, short: "connect()")
            if !failed { label.add(result + words.ok, .plain) }
        case .send, .sendall:
            label.add(e.operation.rawValue + "(", tone)
            if let preview = e.preview { label.addPayload(style.outside(preview)) }
            else if let asked = e.requestedBytes { label.add(words.bytes(asked), .plain) }
            label.add(")", tone)
            if !failed, let n = e.bytes {
                label.add(result + words.bytes(n), .plain, short: result + "\(n) B")
                if let calls = e.sendCalls, calls > 1 { label.add(" " + words.sendCalls(calls), .faint, dropAt: Label.dropsExtras) }
            }
        case .recv:
            label.add("recv(\(e.requestedBytes.map(String.init) ?? ""))", tone)
            if !failed, let n = e.bytes { label.add(result + words.bytes(n), .plain, short: result + "\(n) B") }
        case .poll, .select, .epollWait:
            let wait = e.timeout.map { words.milliseconds($0) } ?? ""
            let events = style.outside(e.text ?? "POLLIN")
            label.add(e.operation.rawValue + "(" + (e.fd.map { "fd \($0), " } ?? "") + "\(events), \(wait))", tone,
                      short: e.operation.rawValue + "()")
            if !failed, let ready = e.returnValue { label.add(result + (ready > 0 ? words.ready(ready) : words.pollTimedOut), .plain) }
        case .getsockname, .getpeername:
            label.add(e.operation.rawValue + "()", tone)
            let address = e.operation == .getsockname ? e.local : e.remote
            if !failed { label.add(result + (address.map(style.outside) ?? words.ok), .plain) }
        case .getsockopt:
            label.add("getsockopt(\(style.outside(e.option ?? "?")))", tone)
            if !failed { label.add(result + style.outside(e.text ?? e.optionValue.map(String.init) ?? words.ok), .plain) }
        case .fcntl:
            label.add("fcntl(" + (e.fd.map { "fd \($0), " } ?? "") + style.outside(e.option ?? "?")
                      + (e.text.map { ", " + style.outside($0) } ?? "") + ")", tone, short: "fcntl()")
            if !failed { label.add(result + words.ok, .plain, dropAt: Label.dropsExtras) }
        case .dup:
            label.add("dup(" + (e.fd.map { "fd \($0)" } ?? "") + ")", tone)
            if !failed, let fd = e.newFD { label.add(result + "fd \(fd)", .plain) }
        case .epollCtl:
            label.add("epoll_ctl(" + style.outside(e.option ?? "?") + (e.fd.map { ", fd \($0)" } ?? "") + ")", tone,
                      short: "epoll_ctl()")
            if !failed { label.add(result + words.ok, .plain, dropAt: Label.dropsExtras) }
        case .shutdown:
            label.add("shutdown(" + (row.byTool ? (e.fd.map { "fd \($0), " } ?? "") : "") + "\(style.outside(e.how ?? "")))", tone)
            if !failed { label.add(result + words.ok, .plain, dropAt: Label.dropsExtras) }
        case .close:
            label.add("close(" + (e.fd.map { "fd \($0)" } ?? "") + ")", tone, short: "close()")
            if !failed { label.add(result + words.ok, .plain, dropAt: Label.dropsExtras) }
        default:
            let argument = e.address.map(style.outside) ?? ""
            label.add(style.outside(e.operation.rawValue) + "(" + argument + ")", tone)
            if !failed { label.add(result + (e.bytes.map(words.bytes) ?? words.ok), .plain) }
        }
        if let real = e.systemCall { label.insertAfterCall(from: callStart, " [\(style.outside(real))]", .faint, dropAt: Label.dropsSystemCall) }
        if let error = e.error {
            label.add(result + style.outside(error.name), .error)
            label.add(" (" + style.outside(error.message) + ")", .faint, dropAt: Label.dropsExtras)
        }
        if row.byTool, e.operation == .shutdown { label.add(" " + words.toStop, .faint, dropAt: Label.dropsExtras) }
        if row.byTool, e.operation == .close { label.add(" " + words.cleanup, .faint, dropAt: Label.dropsExtras) }
        if row.wokenByStop { label.add(" " + words.wokenByStop, .faint) }
        if let state = row.state {
            let tone: Tone = state.isClosing ? .stateClosing : (state.changed ? .stateChanged : .stateSteady)
            label.add(" [\(state.state.name)]", tone, dropAt: state.changed ? Label.dropsState : Label.dropsSteadyState)
        }
    }

    /// A connection's number and client address (`#3 127.0.0.1:53122 `), when the run has several;
    /// the address gives way first on a narrow line.
    private func prefix(_ row: Row) -> Label {
        var label = Label()
        if let process = row.process { label.add("pid \(process) ", .faint) }
        if let thread = row.thread { label.add("tid \(thread) ", .faint) }
        guard let connection = row.connection else { return label }
        label.add("#\(connection)", .faint)
        if let endpoint = row.endpoint { label.add(" " + style.outside(endpoint), .faint, dropAt: Label.dropsExtras) }
        label.add(" ", .faint)
        return label
    }
}
