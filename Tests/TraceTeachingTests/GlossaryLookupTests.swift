import Testing
import TracePrograms
import TraceModel
import TraceText
@testable import TraceTeaching

@Suite("Looking terms up")
struct GlossaryLookupTests {
    func found(_ query: String) throws -> String? {
        if case .found(let entry) = try LessonFiles.library().glossary.lookup(query) { return entry.id }
        return nil
    }

    @Test("case, accents, () and - _ / do not matter; Spanish, English and aliases all work", arguments: [
        ("accept", "accept"), ("accept()", "accept"), ("ACCEPT", "accept"), ("Accept ()", "accept"),
        ("puerto", "port"), ("port", "port"), ("PUERTO", "port"), ("número de puerto", "port"), ("numero de puerto", "port"),
        ("paquete", "packet"), ("packet", "packet"), ("dirección IP", "ip-address"), ("direccion ip", "ip-address"),
        ("DIRECCIÓN IP", "ip-address"), ("close_wait", "close-wait"), ("close-wait", "close-wait"), ("CLOSE WAIT", "close-wait"),
        ("send", "sendall"), ("sendall()", "sendall"), ("send()/sendall()", "sendall"), ("SIGPIPE", "epipe"),
        ("núcleo", "kernel"), ("nucleo", "kernel"), ("shutdown()", "half-close"), ("0.0.0.0", "any-address"), ("::1", "loopback"),
        ("  saludo   de tres vías ", "three-way-handshake"),
    ])
    func exactNames(query: String, id: String) throws {
        #expect(try found(query) == id)
    }

    @Test("a unique prefix, of a name or of a word in it, finds the term", arguments: [
        ("ephem", "ephemeral-port"), ("econnres", "econnreset"), ("handsh", "three-way-handshake"), ("efím", "ephemeral-port"),
        ("descriptor de fi", "file-descriptor"), ("time_w", "time-wait"),
    ])
    func prefixes(query: String, id: String) throws {
        #expect(try found(query) == id)
    }

    @Test("a prefix several terms share is ambiguous, and lists them")
    func ambiguous() throws {
        let glossary = try LessonFiles.library().glossary
        guard case .ambiguous(let entries) = glossary.lookup("econn") else {
            Issue.record("econn should be ambiguous")
            return
        }
        #expect(Set(entries.map(\.id)) == ["econnrefused", "econnreset"])
        guard case .ambiguous(let waits) = glossary.lookup("wait") else {
            Issue.record("wait should be ambiguous")
            return
        }
        #expect(Set(waits.map(\.id)).isSuperset(of: ["close-wait", "time-wait", "fin-wait"]))
    }

    @Test("an unknown term gets up to three suggestions a few edits away", arguments: [
        ("acecpt", "accept"), ("puertp", "port"), ("conexon", "connection"), ("loopbak", "loopback"), ("ECONNREFUSSED", "econnrefused"),
    ])
    func suggestions(query: String, expected: String) throws {
        guard case .unknown(let suggestions) = try LessonFiles.library().glossary.lookup(query) else {
            Issue.record("\(query) should be unknown")
            return
        }
        #expect(suggestions.count <= 3)
        #expect(suggestions.first?.id == expected, "\(suggestions.map(\.id))")
    }

    @Test("nonsense gets no suggestions; an empty query finds nothing")
    func nonsense() throws {
        let glossary = try LessonFiles.library().glossary
        #expect(glossary.lookup("zzzzzzzzzzzz") == .unknown(suggestions: []))
        #expect(glossary.lookup("   ") == .unknown(suggestions: []))
        #expect(glossary.lookup("()") == .unknown(suggestions: []))
        #expect(glossary.lookup(String(repeating: "x", count: 100_000)) == .unknown(suggestions: []))
    }

    @Test("normalisation and edit distance")
    func keys() {
        #expect(TermKey.normalize("Dirección IP") == "direccion ip")
        #expect(TermKey.normalize("  send()/sendall() ") == "send sendall")
        #expect(TermKey.normalize("FIN_WAIT1 / FIN_WAIT2") == "fin wait1 fin wait2")
        #expect(TermKey.normalize("Ñandú") == "nandu")
        #expect(TermKey.normalize("Direccio\u{301}n IP") == "direccion ip", "an accent typed as a combining mark")
        #expect(TermKey.normalize("ÉTAT Çà") == "etat ca")
        #expect(TermKey.distance("kitten", "sitting") == 3)
        #expect(TermKey.distance("", "abc") == 3 && TermKey.distance("abc", "") == 3)
        #expect(TermKey.distance("puerto", "puerta") == TermKey.distance("puerta", "puerto"))
        #expect(TermKey.distance("same", "same") == 0)
    }
}
