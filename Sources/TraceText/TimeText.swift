/// Times as the diagram shows them: short, fixed-width, in the unit that reads best.
public enum TimeText {
    /// Time since the trace began, at most 8 columns: `0.59 ms`, `12.34 ms`, `123.4 ms`, `4.512 s`.
    public static func sinceStart(_ ns: UInt64, micro: String = "µ") -> String {
        switch ns {
        case ..<100_000_000: return fixed(ns, unit: 1_000_000, decimals: 2) + " ms"
        case ..<1_000_000_000: return fixed(ns, unit: 1_000_000, decimals: 1) + " ms"
        case ..<100_000_000_000: return fixed(ns, unit: 1_000_000_000, decimals: 3) + " s"
        case ..<100_000_000_000_000: return fixed(ns, unit: 1_000_000_000, decimals: 0) + " s"
        default: return ">99999 s"
        }
    }

    /// A call's duration, at most 7 columns: `149 µs` below a millisecond, then `1.23 ms`, `12.3 ms`,
    /// `123 ms`, `1.23 s`.
    public static func duration(_ ns: UInt64, micro: String = "µ") -> String {
        if ns < 999_500 {
            return ns < 500 ? "<1 \(micro)s" : fixed(ns, unit: 1_000, decimals: 0) + " \(micro)s"
        }
        switch ns {
        case ..<9_995_000: return fixed(ns, unit: 1_000_000, decimals: 2) + " ms"
        case ..<99_950_000: return fixed(ns, unit: 1_000_000, decimals: 1) + " ms"
        case ..<999_500_000: return fixed(ns, unit: 1_000_000, decimals: 0) + " ms"
        case ..<9_995_000_000: return fixed(ns, unit: 1_000_000_000, decimals: 2) + " s"
        case ..<99_950_000_000: return fixed(ns, unit: 1_000_000_000, decimals: 1) + " s"
        case ..<999_500_000_000: return fixed(ns, unit: 1_000_000_000, decimals: 0) + " s"
        default: return ">999 s"
        }
    }

    /// A total in milliseconds, for prose: `0.21 ms`, `12.3 ms`, then seconds.
    public static func total(_ ns: UInt64, micro: String = "µ") -> String {
        ns < 9_995_000 ? fixed(ns, unit: 1_000_000, decimals: 2) + " ms" : duration(ns, micro: micro)
    }

    /// `value / unit`, rounded to `decimals` places, without Foundation.
    static func fixed(_ value: UInt64, unit: UInt64, decimals: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let step = unit / scale
        let rounded = (value / step) + ((value % step) * 2 >= step ? 1 : 0)
        let whole = rounded / scale
        guard decimals > 0 else { return String(whole) }
        let fraction = String(rounded % scale)
        return String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
