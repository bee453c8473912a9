/// The ladder's style sheet, embedded in the SVG: system fonts only, a light scheme, a dark one for
/// screens that prefer it, and the light one in print. Colour only repeats what the text and the
/// lines say (sides by position and title, inferred arrows by their dashes, states in brackets).
/// No `<` or `&` in it: it sits in XML as it is.
enum SVGStyle {
    static let sheet = """
    .trace-ladder { --bg: #ffffff; --fg: #1a1a1a; --faint: #595959; --client: #00587a; --server: #7b2d8b; \
    --error: #b00020; --state: #1e5e1e; --rule: #8c8c8c; --current: #fff3c4; }
    @media (prefers-color-scheme: dark) { .trace-ladder { --bg: #16181c; --fg: #ececec; --faint: #b0b0b0; \
    --client: #6fcff5; --server: #e4a8f5; --error: #ff8a8a; --state: #9be39b; --rule: #7a7a7a; --current: #4a3f12; } }
    @media print { .trace-ladder { --bg: #ffffff; --fg: #000000; --faint: #404040; --client: #00445f; --server: #5e1f6b; \
    --error: #8f0018; --state: #174717; --rule: #606060; --current: #ffffff; } }
    .trace-ladder .background { fill: var(--bg); }
    .trace-ladder text { font-family: system-ui, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 15px; fill: var(--fg); }
    .trace-ladder .label { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; white-space: pre; }
    .trace-ladder .title { font-size: 20px; font-weight: 700; }
    .trace-ladder .heading, .trace-ladder .time { font-size: 13px; fill: var(--faint); font-variant-numeric: tabular-nums; }
    .trace-ladder .lifeline line { stroke-width: 2; }
    .trace-ladder .lifeline.left line, .trace-ladder .lifeline.left rect { stroke: var(--client); }
    .trace-ladder .lifeline.right line, .trace-ladder .lifeline.right rect { stroke: var(--server); }
    .trace-ladder .lifeline.untraced line, .trace-ladder .sample-untraced { stroke-dasharray: 2 6; }
    .trace-ladder .sample-untraced { stroke: var(--fg); stroke-width: 2; }
    .trace-ladder .lifeline rect { fill: var(--bg); stroke-width: 2; }
    .trace-ladder .lifeline text { font-weight: 700; }
    .trace-ladder .row.left .call { fill: var(--client); font-weight: 600; }
    .trace-ladder .row.right .call { fill: var(--server); font-weight: 600; }
    .trace-ladder .payload { font-weight: 700; }
    .trace-ladder .aside, .trace-ladder .tool .label { fill: var(--faint); font-style: italic; }
    .trace-ladder .error { fill: var(--error); font-weight: 700; }
    .trace-ladder .state { fill: var(--state); }
    .trace-ladder .state.changed { font-weight: 700; }
    .trace-ladder .arrow { stroke-width: 2; fill: none; }
    .trace-ladder .arrow.left { stroke: var(--client); }
    .trace-ladder .arrow.right { stroke: var(--server); }
    .trace-ladder .arrow.inferred { stroke-dasharray: 9 6; }
    .trace-ladder .head.left path { fill: var(--client); }
    .trace-ladder .head.right path { fill: var(--server); }
    .trace-ladder rect.tag { fill: var(--bg); stroke: var(--rule); }
    .trace-ladder text.tag { font-size: 12px; font-weight: 700; }
    .trace-ladder circle.step { fill: var(--bg); stroke: var(--fg); stroke-width: 1.5; }
    .trace-ladder text.step { font-size: 14px; font-weight: 700; }
    .trace-ladder .section line { stroke: var(--rule); stroke-dasharray: 4 4; }
    .trace-ladder .section text { font-size: 14px; font-weight: 700; fill: var(--faint); paint-order: stroke; stroke: var(--bg); stroke-width: 5px; stroke-linejoin: round; }
    .trace-ladder .legend-heading { font-weight: 700; }
    .trace-ladder .marker { display: none; font-size: 14px; }
    .trace-ladder .row.current .marker { display: inline; }
    .trace-ladder .row.current .label { font-weight: 700; }
    .trace-ladder .row.later { opacity: 0.3; }
    @media print { .trace-ladder .row.later { opacity: 1; } .trace-ladder .marker { display: none; } }
    """
}
