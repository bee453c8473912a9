import TraceText

/// Said once under a diagram whose rows did not all come in the clock's order (see
/// `DiagramBuilder.leftTimeOrder`): the rows follow the lesson's steps, and each time is its own call's.
public enum OrderLegend {
    public static func lines(style: DiagramStyle) -> [String] {
        style.paragraph(style.words(
            "Orden: las filas siguen los pasos de la lección, y un hilo aparece con su primera llamada; donde los programas corrían a la vez, una fila puede llevar una hora anterior a la de arriba. Cada hora es la de su llamada.",
            "Order: rows follow the lesson's steps, and a thread appears with its first call; where the programs ran at once, a row may show an earlier time than the one above it. Each time is its own call's."))
    }
}
