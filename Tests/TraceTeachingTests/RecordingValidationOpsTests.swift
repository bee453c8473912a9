import Testing
import TraceCore
import TraceProcess

@Suite("RecordingValidation knows every operation a traced program's recording holds")
struct RecordingValidationOpsTests {
    @Test("each lesson name of a system call trace run traces, and the process moments, pass as operations")
    func programOperations() {
        let moments: [TraceEvent.Operation] = [.fork, .thread, .exec, .exit, .signal, .print]
        for operation in LessonCall.allCases.map({ TraceEvent.Operation(rawValue: $0.rawValue) }) + moments {
            var validation = RecordingValidation()
            let event = TraceEvent(seq: 1, phase: .start, actor: .server, operation: operation, fd: 3, pid: 4242, tid: 4242)
            #expect(validation.check(event) == nil, "\(operation)")
        }
        var validation = RecordingValidation()
        #expect(validation.check(TraceEvent(seq: 1, phase: .start, actor: .server, operation: .init(rawValue: "teleport"))) != nil)
    }
}
