extension Scenario {
    /// The classic lesson: `servidor.py` and `cliente.py`, one connection, nine numbered steps.
    /// Setup calls (server socket/bind/listen, client socket) come first, unnumbered; the server closes
    /// its connection and its listening socket after leaving its loop, also unnumbered.
    public static func seed(message: String, reply: String) -> Scenario {
        Scenario(id: "seed", actors: [Actor("server", role: .server), Actor("client", role: .client)], actions: [
            Action("server", .socket),
            Action("server", .setOption(.reuseAddress, 1)),
            Action("server", .bind(port: .runPort)),
            Action("server", .listen(backlog: 5)),
            Action("client", .socket),
            Action("client", .connect(to: .actor("server")), step: 1),
            Action("server", .accept, step: 2),
            Action("client", .sendAll(.text(message)), step: 3),
            Action("server", .recv(maxBytes: 1024), step: 4),
            Action("server", .print, step: 4),
            Action("server", .sendAll(.text(reply)), step: 5),
            Action("client", .recv(maxBytes: 1024), step: 6),
            Action("client", .print, step: 7),
            Action("client", .close(), step: 8),
            Action("server", .recv(maxBytes: 1024), step: 9),
            Action("server", .close()),
            Action("server", .closeListener),
        ])
    }
}
