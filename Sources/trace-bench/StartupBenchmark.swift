// trace-bench startup [--pairs N]: the whole-process time of `trace --help` and of the demo (its output to a
// pipe), each beside a Swift hello world built the same way (`trace-hello`), run in turn N times so that the
// host's drift hits all three alike. Needs `trace` and `trace-hello` built beside this one
// (`swift build -c release`); builds nothing itself.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum StartupBenchmark {
    /// Each measured command: its words, what it is compared with, the goal as a ratio to the hello world.
    struct Measure {
        let title: String
        let arguments: [String]
        let output: WholeProcess.Output
        let goal: Double
    }

    static let measures = [
        Measure(title: "`trace --help`", arguments: ["--help"], output: .devNull, goal: 1.3),
        Measure(title: "`trace` (the demo) to a pipe", arguments: [], output: .pipe, goal: 2.0),
    ]

    static func main(_ arguments: [String]) -> Int32 {
        var pairs = 31
        if arguments.count == 2, arguments[0] == "--pairs", let n = Int(arguments[1]), n > 0 {
            pairs = n
        } else if !arguments.isEmpty {
            writeToStandardError("usage: trace-bench startup [--pairs N]\n")
            return 64
        }
        let rows = measure(pairs: pairs)
        guard let rows else {
            writeToStandardError("trace-bench startup: a run failed (are trace and trace-hello built beside trace-bench?)\n")
            return 1
        }
        print("trace-bench startup: whole processes, \(pairs) rounds of hello, --help and the demo in turn, medians")
        print(table(rows), terminator: "")
        return 0
    }

    struct Row {
        let title: String
        let goal: String
        let median: Double
        let ratio: Double?
        let met: Bool?
    }

    /// The hello world's row, then one per measure; nil when an executable is missing or a run fails.
    static func measure(pairs: Int) -> [Row]? {
        let directory = ExecutablePath.directory()
        let hello = directory + "/trace-hello", trace = directory + "/trace"
        guard access(hello, X_OK) == 0, access(trace, X_OK) == 0 else { return nil }
        // One warm-up run of each: the page cache holds the executables and libraries from then on.
        guard WholeProcess.timed(hello, []) != nil else { return nil }
        for m in measures { guard WholeProcess.timed(trace, m.arguments, output: m.output) != nil else { return nil } }
        var helloTimes: [UInt64] = []
        var times = Array(repeating: [UInt64](), count: measures.count)
        var ratios = Array(repeating: [Double](), count: measures.count)
        for _ in 0..<pairs {
            guard let h = WholeProcess.timed(hello, []) else { return nil }
            helloTimes.append(h)
            for (i, m) in measures.enumerated() {
                guard let t = WholeProcess.timed(trace, m.arguments, output: m.output) else { return nil }
                times[i].append(t)
                ratios[i].append(Double(t) / Double(h))
            }
        }
        var rows = [Row(title: "`trace-hello` (a Swift hello world)", goal: "-", median: Sample(helloTimes).median,
                        ratio: nil, met: nil)]
        for (i, m) in measures.enumerated() {
            let ratio = Sample(ratios[i]).median
            rows.append(Row(title: m.title, goal: "≤ \(m.goal)× hello", median: Sample(times[i]).median,
                            ratio: ratio, met: ratio <= m.goal))
        }
        return rows
    }

    static func table(_ rows: [Row]) -> String {
        var text = "| process | goal | median (ms) | ratio to hello | met |\n|---|---|---|---|---|\n"
        for row in rows {
            let ratio = row.ratio.map { Fixed.text($0, 2) } ?? "-"
            let met = row.met.map { $0 ? "yes" : "NO" } ?? "-"
            text += "| \(row.title) | \(row.goal) | \(Fixed.text(row.median / 1e6, 2)) | \(ratio) | \(met) |\n"
        }
        return text
    }
}
