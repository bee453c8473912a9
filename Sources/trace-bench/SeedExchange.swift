import TraceSockets

/// The seed exchange, from the client's `socket()` to the moment the server's `recv()` returns 0:
/// connect, accept, message, reply, close, end-of-stream detected. Returns one duration per exchange.
enum SeedExchange {
    static let message = Array("Hola, servidor".utf8)
    static let reply = Array("Mensaje recibido".utf8)

    static func measure<L: BenchListener>(_ listener: L, exchanges: Int) throws -> [UInt64] {
        let endOfStream = Handoff()
        let server = BlockingThread { () throws -> Void in
            var buffer = [UInt8](repeating: 0, count: 1024)
            for _ in 0..<exchanges {
                let connection = try listener.accept(noDelay: false)
                try buffer.withUnsafeMutableBytes { b in
                    _ = try connection.receive(into: b)
                    try reply.withUnsafeBytes { try connection.sendAll($0) }
                    while try connection.receive(into: b) > 0 {}
                }
                endOfStream.post(RawPOSIX.now())
                connection.close()
            }
        }
        var durations: [UInt64] = []
        durations.reserveCapacity(exchanges)
        var buffer = [UInt8](repeating: 0, count: 1024)
        for index in 0..<exchanges {
            let start = RawPOSIX.now()
            let client = try listener.connect(noDelay: false)
            try message.withUnsafeBytes { try client.sendAll($0) }
            _ = try buffer.withUnsafeMutableBytes { try client.receive(into: $0) }
            client.close()
            durations.append(endOfStream.wait(for: index) - start)
        }
        try server.join()
        return durations
    }
}

/// 1-byte ping-pong on one connection with TCP_NODELAY: total nanoseconds for `roundTrips`.
enum PingPong {
    static func measure<L: BenchListener>(_ listener: L, roundTrips: Int) throws -> UInt64 {
        let server = BlockingThread { () throws -> Void in
            let connection = try listener.accept(noDelay: true)
            var byte: [UInt8] = [0]
            try byte.withUnsafeMutableBytes { b in
                while try connection.receive(into: b) == 1 { try connection.sendAll(UnsafeRawBufferPointer(b)) }
            }
            connection.close()
        }
        let client = try listener.connect(noDelay: true)
        var byte: [UInt8] = [42]
        let start = RawPOSIX.now()
        try byte.withUnsafeMutableBytes { b in
            for _ in 0..<roundTrips {
                try client.sendAll(UnsafeRawBufferPointer(b))
                guard try client.receive(into: b) == 1 else { throw RawPOSIX.Failure(call: "recv", code: 0) }
            }
        }
        let elapsed = RawPOSIX.now() - start
        client.close()
        try server.join()
        return elapsed
    }
}

/// One-way bulk transfer in 64 KiB buffers: nanoseconds from the first send to the last byte received.
enum Bulk {
    static let chunk = 1 << 16

    static func measure<L: BenchListener>(_ listener: L, bytes total: Int) throws -> UInt64 {
        let received = Handoff()
        let server = BlockingThread { () throws -> Void in
            let connection = try listener.accept(noDelay: false)
            var buffer = [UInt8](repeating: 0, count: chunk)
            var count = 0
            try buffer.withUnsafeMutableBytes { b in
                while count < total {
                    let n = try connection.receive(into: b)
                    if n == 0 { break }
                    count += n
                }
            }
            received.post(RawPOSIX.now())
            connection.close()
        }
        let client = try listener.connect(noDelay: false)
        let payload = [UInt8](repeating: 0x61, count: chunk)
        let start = RawPOSIX.now()
        try payload.withUnsafeBytes { b in
            var sent = 0
            while sent < total {
                let n = min(chunk, total - sent)
                try client.sendAll(UnsafeRawBufferPointer(rebasing: b[0..<n]))
                sent += n
            }
        }
        let end = received.wait(for: 0)
        client.close()
        try server.join()
        return end - start
    }
}
