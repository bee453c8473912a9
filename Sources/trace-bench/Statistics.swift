/// Order statistics of a sample.
struct Sample {
    let values: [Double]

    init(_ values: [Double]) { self.values = values.sorted() }
    init(_ values: [UInt64]) { self.init(values.map { Double($0) }) }

    func quantile(_ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let position = q * Double(values.count - 1)
        let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
        return values[low] + (values[high] - values[low]) * (position - Double(low))
    }

    var median: Double { quantile(0.5) }
}
