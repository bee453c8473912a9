import TraceCore
import TraceText

extension Scenario {
    /// The steps a diagram of this scenario expects, in teaching order, each finished by the events
    /// its actions end with (a call's `done`, a `print`).
    public var stepPlan: StepPlan {
        var plan: [StepPlan.Step] = []
        for action in actions {
            guard let number = action.step else { continue }
            let completion = StepPlan.Completion(role(of: action.actor) == .server ? .server : .client,
                                                 action.call.operation)
            if let index = plan.firstIndex(where: { $0.number == number }) {
                plan[index].completions.append(completion)
            } else {
                plan.append(StepPlan.Step(number: number, completions: [completion]))
            }
        }
        return StepPlan(id: id, steps: plan)
    }
}

extension Scenario.Call {
    /// The event operation this call shows up as.
    public var operation: TraceEvent.Operation {
        switch self {
        case .socket: return .socket
        case .setOption: return .setsockopt
        case .bind: return .bind
        case .listen: return .listen
        case .accept: return .accept
        case .connect: return .connect
        case .send: return .send
        case .sendAll: return .sendall
        case .recv: return .recv
        case .print: return .print
        case .shutdown: return .shutdown
        case .close, .closeListener: return .close
        case .tcpInfo: return .tcpInfo
        }
    }
}
