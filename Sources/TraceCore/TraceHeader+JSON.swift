// The header's JSON form, inside the first event of a recording: `"header": {...}`.

extension TraceHeader {
    public var json: JSONValue {
        var m: [(String, JSONValue)] = [
            ("source", .string(source.rawValue)), ("command", .string(command)),
            ("traced", .array(traced.map { .string($0.rawValue) })),
        ]
        if let plan { m.append(("plan", plan.json)) }
        switch pacing {
        case .free: m.append(("pacing", .string("free")))
        case .stepped: m.append(("pacing", .string("step")))
        case .delay(let ms): m += [("pacing", .string("delay")), ("delay_ms", .integer(ms))]
        }
        m.append(("tool", .string(tool)))
        if let clock {
            m.append(("clock", .object([("mono_ns", .integer(clock.monotonicOrigin)), ("wall_ns", .integer(clock.wallAtOrigin))])))
        }
        if let packets { m.append(("packets", .object([("interface", .string(packets.interface))]))) }
        if !programs.isEmpty {
            m.append(("programs", .array(programs.map {
                .object([("actor", .string($0.actor.rawValue)), ("argv", .array($0.arguments.map { .string($0) }))])
            })))
        }
        return .object(m)
    }

    public init(json: JSONValue) throws(EventDecodingError) {
        let r = try FieldReader(json, context: "header.")
        let sourceName: String = try r.required("source")
        guard let source = Source(rawValue: sourceName) else {
            throw EventDecodingError("field \"header.source\": unknown source \"\(sourceName)\"", es: "campo \"header.source\": origen desconocido \"\(sourceName)\"")
        }
        guard case .array(let items)? = r.member("traced") else {
            throw EventDecodingError("field \"header.traced\": expected an array of actors", es: "campo \"header.traced\": se esperaba una lista de actores")
        }
        var traced: [TraceEvent.Actor] = []
        for item in items {
            guard case .string(let name) = item else { throw EventDecodingError("field \"header.traced\": expected strings", es: "campo \"header.traced\": se esperaban cadenas") }
            traced.append(TraceEvent.Actor(rawValue: name))
        }
        let pacing: Pacing
        switch try r.optional("pacing") as String? {
        case nil, "free"?: pacing = .free
        case "step"?: pacing = .stepped
        case "delay"?: pacing = .delay(milliseconds: try r.required("delay_ms"))
        case let other?: throw EventDecodingError("field \"header.pacing\": expected free, step or delay, got \"\(other)\"", es: "campo \"header.pacing\": se esperaba free, step o delay, no \"\(other)\"")
        }
        var clock: Clock?
        if let object = r.member("clock") {
            let c = try FieldReader(object, context: "header.clock.")
            clock = Clock(monotonicOrigin: try c.required("mono_ns"), wallAtOrigin: try c.required("wall_ns"))
        }
        var packets: Capture?
        if let object = r.member("packets") {
            packets = Capture(interface: try FieldReader(object, context: "header.packets.").required("interface"))
        }
        var programs: [Program] = []
        if let value = r.member("programs") {
            guard case .array(let items) = value else { throw EventDecodingError("field \"header.programs\": expected an array", es: "campo \"header.programs\": se esperaba una lista") }
            for item in items {
                let p = try FieldReader(item, context: "header.programs.")
                guard case .array(let words)? = p.member("argv") else {
                    throw EventDecodingError("field \"header.programs.argv\": expected an array of strings", es: "campo \"header.programs.argv\": se esperaba una lista de cadenas")
                }
                var arguments: [String] = []
                for word in words {
                    guard case .string(let text) = word else {
                        throw EventDecodingError("field \"header.programs.argv\": expected an array of strings", es: "campo \"header.programs.argv\": se esperaba una lista de cadenas")
                    }
                    arguments.append(text)
                }
                programs.append(Program(actor: TraceEvent.Actor(rawValue: try p.required("actor")), arguments: arguments))
            }
        }
        self.init(source: source, command: try r.required("command"), traced: traced,
                  plan: try r.member("plan").map { value throws(EventDecodingError) in try StepPlan(json: value) },
                  pacing: pacing, tool: try r.required("tool"), clock: clock, packets: packets, programs: programs)
    }
}

extension StepPlan {
    /// `{"id":"seed","steps":[{"step":1,"done":[{"actor":"client","op":"connect"}]}, ...]}`
    public var json: JSONValue {
        var m: [(String, JSONValue)] = []
        if let id { m.append(("id", .string(id))) }
        m.append(("steps", .array(steps.map { step in
            .object([("step", .integer(step.number)),
                     ("done", .array(step.completions.map {
                         .object([("actor", .string($0.actor.rawValue)), ("op", .string($0.operation.rawValue))])
                     }))])
        })))
        return .object(m)
    }

    public init(json: JSONValue) throws(EventDecodingError) {
        let r = try FieldReader(json, context: "header.plan.")
        guard case .array(let items)? = r.member("steps") else {
            throw EventDecodingError("field \"header.plan.steps\": expected an array", es: "campo \"header.plan.steps\": se esperaba una lista")
        }
        var steps: [Step] = []
        for item in items {
            let s = try FieldReader(item, context: "header.plan.steps.")
            let number: Int = try s.required("step")
            guard number >= 0 else { throw EventDecodingError("field \"header.plan.steps.step\": expected a step number ≥ 0", es: "campo \"header.plan.steps.step\": se esperaba un número de paso ≥ 0") }
            guard case .array(let done)? = s.member("done") else {
                throw EventDecodingError("field \"header.plan.steps.done\": expected an array", es: "campo \"header.plan.steps.done\": se esperaba una lista")
            }
            var completions: [Completion] = []
            for entry in done {
                let d = try FieldReader(entry, context: "header.plan.steps.done.")
                completions.append(Completion(TraceEvent.Actor(rawValue: try d.required("actor")),
                                              TraceEvent.Operation(rawValue: try d.required("op"))))
            }
            steps.append(Step(number: number, completions: completions))
        }
        self.init(id: try r.optional("id"), steps: steps)
    }
}
