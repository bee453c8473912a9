extension Scenario {
    /// `servidor.py` alone, for a walkthrough of `trace server --step`: one client from outside, the
    /// seed's steps on the server's side (2, 4, 5, 9).
    public static func serverAlone(reply: String, backlog: Int32 = 5) -> Scenario {
        Scenario(id: "server", actors: [Actor("server", role: .server)], actions: [
            Action("server", .socket),
            Action("server", .setOption(.reuseAddress, 1)),
            Action("server", .bind(port: .runPort)),
            Action("server", .listen(backlog: backlog)),
            Action("server", .accept, step: 2),
            Action("server", .recv(maxBytes: 1024), step: 4),
            Action("server", .print, step: 4),
            Action("server", .sendAll(.text(reply)), step: 5),
            Action("server", .recv(maxBytes: 1024, until: .closed), step: 9),
            Action("server", .close()),
            Action("server", .closeListener),
        ])
    }

    /// `cliente.py` alone, for a walkthrough of `trace client --step`: the seed's steps on the client's
    /// side (1, 3, 6, 7, 8) against a server outside.
    public static func clientAlone(message: String, host: String, port: UInt16) -> Scenario {
        Scenario(id: "client", actors: [Actor("client", role: .client)], actions: [
            Action("client", .socket),
            Action("client", .connect(to: .address(host: host, port: port)), step: 1),
            Action("client", .sendAll(.text(message)), step: 3),
            Action("client", .recv(maxBytes: 1024), step: 6),
            Action("client", .print, step: 7),
            Action("client", .close(), step: 8),
        ])
    }
}
