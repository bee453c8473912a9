#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct BenchOptions {
    var quick = false
    var pinnedCPU: Int? = 0
    /// Just one measure, printed alone (for profiling under callgrind or perf).
    var only: Measure?

    enum Measure: String, CaseIterable { case seed, pingpong, bulk, events }

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--quick": quick = true
            case "--only":
                index += 1
                guard index < arguments.count, let m = Measure(rawValue: arguments[index]) else {
                    throw UsageError("--only needs one of: " + Measure.allCases.map(\.rawValue).joined(separator: ", "))
                }
                only = m
            case "--no-pin": pinnedCPU = nil
            case "--pin":
                index += 1
                guard index < arguments.count, let cpu = Int(arguments[index]), cpu >= 0 else { throw UsageError("--pin needs a CPU number") }
                pinnedCPU = cpu
            case "-h", "--help":
                print("usage: trace-bench [--quick] [--pin CPU | --no-pin] [--only seed|pingpong|bulk|events]")
                exit(0)
            default: throw UsageError("unknown argument \(arguments[index])")
            }
            index += 1
        }
    }

    struct UsageError: Error, CustomStringConvertible {
        let description: String
        init(_ text: String) { description = text }
    }

    /// How much work each measure does.
    var seedRounds: Int { quick ? 2 : 10 }
    var seedExchangesPerRound: Int { quick ? 25 : 200 }
    var pingPongRuns: Int { quick ? 2 : 11 }
    var roundTrips: Int { quick ? 1_000 : 10_000 }
    var bulkRuns: Int { quick ? 2 : 11 }
    var bulkBytes: Int { quick ? 16 << 20 : 256 << 20 }
    var eventRuns: Int { quick ? 3 : 7 }
    var eventsPerRun: Int { quick ? 100_000 : 1_000_000 }
}

func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
