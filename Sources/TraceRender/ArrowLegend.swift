import TraceText

/// What the arrows of a diagram are, said once under it: the segments captured on an interface, or what
/// the model inferred from the calls when nothing was captured.
public enum ArrowLegend {
    /// `captured`: the interface the segments were captured on (`lo`), nil when none were.
    public static func lines(captured interface: String?, style: DiagramStyle) -> [String] {
        guard let interface else {
            return style.paragraph(style.words(
                "Flechas: deducidas de las llamadas, no vistas en la red: el saludo en connect(), cada mensaje en su envío, FIN (o RST) en close(). trace --packets muestra los segmentos TCP de verdad.",
                "Arrows: inferred from the calls, not seen on the wire: the handshake on connect(), each message on its send, FIN (or RST) on close(). trace --packets shows the real TCP segments."))
        }
        let name = style.outside(interface)
        return style.paragraph(style.words(
            "Flechas: los segmentos TCP capturados en \(name), cada uno bajo la llamada durante la que viajó (o en su propia línea): sus indicadores sobre la flecha; Seq y Ack contados desde el primer número de secuencia de cada lado, como los muestra Wireshark; Win, la ventana que anunció quien lo envió, en bytes; Len, los bytes de datos. Ninguna flecha es deducida.",
            "Arrows: the TCP segments captured on \(name), each under the call it travelled during (or on a line of its own): its flags on the shaft; Seq and Ack counted from each side's first sequence number, as Wireshark shows them; Win, the window its sender advertised, in bytes; Len, the bytes of data. No arrow is inferred."))
    }
}
