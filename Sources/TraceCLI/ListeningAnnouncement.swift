import Synchronization
import TracePrograms
import TraceSockets
import TraceTeaching

/// `trace server --step` says where it listens, in the two lines `trace server` begins with, as soon
/// as its `listen()` has returned: before the card that follows (step 2's), whatever the screen.
final class ListeningAnnouncement: WalkthroughScreen {
    private let inner: any WalkthroughScreen
    private let actor: String
    private let lines: @Sendable (SocketAddress) -> [String]
    private let write: @Sendable ([String]) -> Void
    private let state = Mutex<(run: ScenarioRun?, announced: Bool)>((nil, false))

    /// `write` puts the lines on the screen (a scrolling one writes them as they are).
    init(_ inner: any WalkthroughScreen, actor: String, lines: @escaping @Sendable (SocketAddress) -> [String],
         write: @escaping @Sendable ([String]) -> Void) {
        self.inner = inner
        self.actor = actor
        self.lines = lines
        self.write = write
    }

    /// The run whose listening address is announced.
    func follow(_ run: ScenarioRun) { state.withLock { $0.run = run } }

    func show(_ card: WalkthroughCard) {
        let address = state.withLock { s -> SocketAddress? in
            guard !s.announced, let address = s.run?.listeningAddressIfKnown(of: actor) else { return nil }
            s.announced = true
            return address
        }
        if let address { write(lines(address)) }
        inner.show(card)
    }

    func prompt() { inner.prompt() }
    func promptAnswered() { inner.promptAnswered() }
    func showDefinitions(_ definitions: [(name: String, text: String?)]) { inner.showDefinitions(definitions) }
    func showKeys() { inner.showKeys() }
    func show(_ message: WalkthroughMessage) { inner.show(message) }
    func showKernelNow(_ note: String) { inner.showKernelNow(note) }
}
