import Foundation

/// Stamps one thread posts and another waits on, one per iteration.
final class Handoff: @unchecked Sendable {
    private let condition = NSCondition()
    private var stamps: [UInt64] = []

    func post(_ stamp: UInt64) {
        condition.lock()
        stamps.append(stamp)
        condition.signal()
        condition.unlock()
    }

    func wait(for index: Int) -> UInt64 {
        condition.lock()
        defer { condition.unlock() }
        while stamps.count <= index { condition.wait() }
        return stamps[index]
    }
}
