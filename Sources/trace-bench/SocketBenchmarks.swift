import TraceCore
import TraceSockets
import SocketTracing

/// Runs every measure, raw and traced alternating within one run so that drift hits both alike, once
/// unpinned and once pinned to one CPU, and prints one table.
struct SocketBenchmarks {
    let options: BenchOptions

    init(_ options: BenchOptions) { self.options = options }

    /// The traced variants measured against raw: `TCP_INFO` after every call (the default, what
    /// lessons use), and only where the connection can change.
    static let policies: [(KernelViewPolicy, String)] = [(.everyCall, "TCP_INFO every call"),
                                                          (.connectionChanges, "TCP_INFO on connection changes")]

    /// One measure in one pass: the raw median and, per policy, the traced median and the ratio
    /// traced / raw. The ratio is the median of each round's own ratio: a round measures raw and traced
    /// back to back, so drift in the machine's speed (the noisy neighbours of a shared host) cancels out.
    struct Figures: CustomStringConvertible {
        var raw: Double
        var traced: [Double]
        var ratios: [Double]
        var description: String { "raw \(raw), traced \(traced), ratios \(ratios)" }

        /// From per-round samples; `scale` turns a sample's median into the unit shown.
        init(rounds: Rounds<Double>, scale: Double = 1) {
            raw = Sample(rounds.raw.flatMap { $0 }).median * scale
            traced = rounds.traced.map { Sample($0.flatMap { $0 }).median * scale }
            ratios = rounds.traced.map { policy in
                Sample(zip(policy, rounds.raw).map { Sample($0).median / Sample($1).median }).median
            }
        }
    }

    /// Samples kept per round: raw, and traced per policy.
    struct Rounds<T> {
        var raw: [[T]] = []
        var traced: [[[T]]] = Array(repeating: [], count: SocketBenchmarks.policies.count)
    }

    struct Pass {
        var seed: Figures
        var pingPong: Figures
        var bulk: Figures
        var eventSteady: Double
        /// The same, in the emitting thread's CPU time (what a busy host's other processes do not inflate).
        var eventSteadyCPU: Double
        var eventAccumulating: Double
    }

    func run() throws -> String {
        if let only = options.only {
            if let cpu = options.pinnedCPU { _ = RawPOSIX.pin(toCPU: cpu) }
            switch only {
            case .seed: return "seed exchange (ns): \(try seedExchange())\n"
            case .pingpong: return "ping-pong (ns per round trip): \(try pingPong())\n"
            case .bulk: return "bulk (GiB/s): \(try bulk())\n"
            case .events:
                let steady = eventCost(drainEvery: 10_000), accumulating = eventCost(drainEvery: nil)
                return "one event into the in-memory sink (ns): steady \(steady.wall) (emitting thread's CPU time \(steady.cpu)), accumulating \(accumulating.wall) (CPU \(accumulating.cpu))\n"
            }
        }
        let free = try pass()
        var pinned: Pass?
        if let cpu = options.pinnedCPU, RawPOSIX.pin(toCPU: cpu) { pinned = try pass() }
        return table(free: free, pinned: pinned)
    }

    private func pass() throws -> Pass {
        // The event cost first: it is the one measure that only allocates, and the heap the socket
        // measures leave behind (hundreds of MiB of events freed across threads) would blur it.
        let steady = eventCost(drainEvery: 10_000)
        let accumulating = eventCost(drainEvery: nil).wall
        return Pass(seed: try seedExchange(), pingPong: try pingPong(), bulk: try bulk(),
                    eventSteady: steady.wall, eventSteadyCPU: steady.cpu, eventAccumulating: accumulating)
    }

    /// Runs `measure` on a raw listener, then on a traced one per policy, `rounds` times, alternating.
    /// `minimumEvents` guards against lost events in every traced round.
    private func alternate(rounds: Int, capacity: Int, minimumEvents: Int,
                           _ measure: (any BenchListener) throws -> [Double]) throws -> Rounds<Double> {
        var result = Rounds<Double>()
        for _ in 0..<rounds {
            let r = try RawListener()
            result.raw.append(try measure(r))
            r.close()
            for (i, (policy, _)) in SocketBenchmarks.policies.enumerated() {
                let sink = MemorySink(reservingCapacity: capacity)
                let tracer = Tracer(sink: sink, header: TraceHeader(source: .builtIn, command: "bench", traced: [.client, .server]),
                                    delivery: .deferred)
                let t = try TracedListener(server: tracer.lane(.server, kernelView: policy), client: tracer.lane(.client, kernelView: policy))
                result.traced[i].append(try measure(t))
                t.close()
                tracer.flush()
                guard sink.count >= minimumEvents else { throw Missing(got: sink.count, expected: minimumEvents) }
            }
        }
        return result
    }

    private func seedExchange() throws -> Figures {
        let n = options.seedExchangesPerRound
        // Per exchange: client socket/connect/sendall/recv/close, server accept/recv/sendall/recv/close.
        let rounds = try alternate(rounds: options.seedRounds, capacity: n * 24, minimumEvents: n * 20) {
            try SeedExchange.measure($0, exchanges: n).map { Double($0) }
        }
        return Figures(rounds: rounds)
    }

    private func pingPong() throws -> Figures {
        let n = options.roundTrips
        let rounds = try alternate(rounds: options.pingPongRuns, capacity: n * 8 + 64, minimumEvents: n * 8) {
            [Double(try PingPong.measure($0, roundTrips: n))]
        }
        return Figures(rounds: rounds, scale: 1 / Double(n))
    }

    private func bulk() throws -> Figures {
        let bytes = options.bulkBytes
        func gibPerSecond(_ ns: UInt64) -> Double { Double(bytes) / Double(1 << 30) / (Double(ns) / 1e9) }
        let chunks = bytes / Bulk.chunk
        let rounds = try alternate(rounds: options.bulkRuns, capacity: chunks * 8, minimumEvents: chunks * 4) {
            [gibPerSecond(try Bulk.measure($0, bytes: bytes))]
        }
        return Figures(rounds: rounds)
    }

    /// Nanoseconds for one done event (a 16-byte recv, built as the lane builds it) into a `MemorySink`.
    /// Steady: events go in batches of `drainEvery`, the sink is drained between batches (untimed), so
    /// memory is reused as in a trace written out as it goes; one batch warms up first. Accumulating:
    /// every event kept, so the heap grows (page faults included).
    private func eventCost(drainEvery: Int?) -> (wall: Double, cpu: Double) {
        let payload = Array("sixteen bytes ok".utf8)
        var start = SocketCallStart(operation: .recv, fd: 5)
        start.requestedBytes = 1024
        let total = options.eventsPerRun
        let batch = drainEvery ?? total
        var results: [Double] = [], cpuResults: [Double] = []
        // Steady, one trace serves every run (its ring and sink warm, as in a long trace); accumulating, a
        // trace per run.
        func newTrace() -> (MemorySink, Tracer, TraceLane) {
            let sink = MemorySink(reservingCapacity: batch)
            let tracer = Tracer(sink: sink, header: TraceHeader(source: .builtIn, command: "bench", traced: [.server]),
                                delivery: .deferred(capacity: batch))
            let lane = tracer.lane(.server, kernelView: .never)
            tracer.flush()
            sink.removeAll()  // the trace's header, not one of the events measured
            return (sink, tracer, lane)
        }
        let steadyTrace = drainEvery == nil ? nil : newTrace()
        for run in 0..<(options.eventRuns + (drainEvery == nil ? 0 : 1)) {
            let (sink, tracer, lane) = steadyTrace ?? newTrace()
            var elapsed: UInt64 = 0, cpu: UInt64 = 0
            var delivered = 0
            payload.withUnsafeBytes { bytes in
                for _ in 0..<(total / batch) {
                    let began = RawPOSIX.now(), beganCPU = RawPOSIX.threadCPUTime()
                    for i in 0..<batch {
                        var done = SocketCallDone(start: start)
                        done.time = UInt64(i)
                        done.transferredBytes = bytes.count
                        done.payload = bytes
                        lane.callFinished(done)
                    }
                    elapsed += RawPOSIX.now() - began
                    cpu += RawPOSIX.threadCPUTime() - beganCPU
                    // Records become events off the hot path; count them once they all have.
                    tracer.flush()
                    delivered += sink.count
                    if drainEvery != nil { sink.removeAll() }
                }
            }
            precondition(delivered == total / batch * batch, "events were lost")
            if drainEvery != nil && run == 0 { continue }
            results.append(Double(elapsed) / Double(delivered))
            cpuResults.append(Double(cpu) / Double(delivered))
        }
        return (Sample(results).median, Sample(cpuResults).median)
    }

    struct Missing: Error, CustomStringConvertible {
        let got: Int
        let expected: Int
        var description: String { "only \(got) events recorded where at least \(expected) were expected: events were lost" }
    }

    // MARK: - The table

    private func table(free: Pass, pinned: Pass?) -> String {
        func f(_ x: Double, _ digits: Int = 2) -> String { Fixed.text(x, digits) }
        func met(_ ok: Bool) -> String { ok ? "yes" : "NO" }
        var rows: [[String]] = [["measure", "goal", "raw", "traced", "ratio", "met",
                                 "pinned raw", "pinned traced", "pinned ratio", "met"]]
        func addRows(_ name: String, _ goal: String, _ unit: (Double) -> String, _ figures: (Pass) -> Figures,
                     _ ok: (Double) -> Bool) {
            for (i, (_, label)) in SocketBenchmarks.policies.enumerated() {
                let a = figures(free)
                var row = ["\(name), \(label)", goal, unit(a.raw), unit(a.traced[i]), f(a.ratios[i], 3), met(ok(a.ratios[i]))]
                if let p = pinned.map(figures) {
                    row += [unit(p.raw), unit(p.traced[i]), f(p.ratios[i], 3), met(ok(p.ratios[i]))]
                } else {
                    row += ["-", "-", "-", "-"]
                }
                rows.append(row)
            }
        }
        addRows("seed exchange, connect to EOF (µs)", "≤ 1.10", { f($0 / 1000, 1) }, \.seed) { $0 <= 1.10 }
        addRows("1-byte ping-pong, TCP_NODELAY (µs/round trip)", "≤ 1.05", { f($0 / 1000, 2) }, \.pingPong) { $0 <= 1.05 }
        addRows("bulk \(options.bulkBytes >> 20) MiB, 64 KiB buffers (GiB/s)", "≥ 0.97", { f($0, 2) }, \.bulk) { $0 >= 0.97 }
        rows.append(["one event into the in-memory sink, steady (ns)", "≤ 50", "-", f(free.eventSteady, 1), "-",
                     met(free.eventSteady <= 50), "-", pinned.map { f($0.eventSteady, 1) } ?? "-", "-",
                     pinned.map { met($0.eventSteady <= 50) } ?? "-"])
        rows.append(["the same, the emitting thread's CPU time (ns)", "(info)", "-", f(free.eventSteadyCPU, 1), "-", "",
                     "-", pinned.map { f($0.eventSteadyCPU, 1) } ?? "-", "-", ""])
        rows.append(["one event into the in-memory sink, all \(options.eventsPerRun) kept (ns)", "(info)", "-",
                     f(free.eventAccumulating, 1), "-", "", "-", pinned.map { f($0.eventAccumulating, 1) } ?? "-", "-", ""])

        var text = "trace-bench (\(options.quick ? "quick" : "full")): medians. raw = plain libc calls; traced = TraceSockets"
        text += " + Tracer into a MemorySink (start and done events for every call); raw and traced alternate in one run,\n"
        text += "and each ratio is the median of the rounds' own traced/raw ratios.\n"
        text += "seed: \(options.seedRounds)×\(options.seedExchangesPerRound) exchanges per variant; ping-pong: "
        text += "\(options.pingPongRuns)×\(options.roundTrips) round trips; bulk: \(options.bulkRuns)×\(options.bulkBytes >> 20) MiB; "
        text += "events: \(options.eventRuns)×\(options.eventsPerRun) (steady: sink drained every 10,000).\n"
        text += pinned == nil ? "No pinned pass (pinning unavailable, or --no-pin).\n\n"
                              : "Pinned pass: every thread on CPU \(options.pinnedCPU!).\n\n"
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max()! }
        for (i, row) in rows.enumerated() {
            text += "| " + row.enumerated().map { c, cell in cell + String(repeating: " ", count: widths[c] - cell.count) }
                .joined(separator: " | ") + " |\n"
            if i == 0 { text += "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|\n" }
        }
        return text
    }
}
