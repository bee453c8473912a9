import TraceCore
import TraceText
import TracePrograms
/// One pause of a step-by-step walkthrough: the actions that run when the learner asks for the next step.
///
/// A numbered step is every action carrying that number (step 4 is the server's `recv()` and its
/// `print()`); unnumbered actions (the setup before step 1, the cleanup after the last step) are grouped
/// while the same side keeps acting.
public struct WalkthroughStop: Sendable, Hashable {
    /// Indices into the scenario's actions, in order.
    public var actions: [Int]
    public var step: Int?
    /// The side that acts (the first action's actor).
    public var actor: String

    public static func stops(of scenario: Scenario) -> [WalkthroughStop] {
        var stops: [WalkthroughStop] = []
        for (index, action) in scenario.actions.enumerated() {
            if var last = stops.last, last.step == action.step,
               action.step != nil || last.actor == action.actor {
                last.actions.append(index)
                stops[stops.count - 1] = last
            } else {
                stops.append(WalkthroughStop(actions: [index], step: action.step, actor: action.actor))
            }
        }
        return stops
    }
}
