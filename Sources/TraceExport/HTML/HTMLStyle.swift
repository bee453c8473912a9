/// The page's style sheet: the ladder beside the transcript (one above the other on a narrow
/// screen), a light and a dark scheme, large type for a projector, and a print style that prints the
/// whole ladder and every step.
enum HTMLStyle {
    static let sheet = """
    :root { color-scheme: light dark; --bg: #ffffff; --fg: #1a1a1a; --faint: #595959; --rule: #c8c8c8; \
    --panel: #f5f5f2; --accent: #00587a; --focus: #b35c00; }
    @media (prefers-color-scheme: dark) { :root { --bg: #16181c; --fg: #ececec; --faint: #b0b0b0; --rule: #3c4048; \
    --panel: #1f2228; --accent: #6fcff5; --focus: #ffb35c; } }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--fg); font: 18px/1.5 system-ui, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    header, main { padding: 0 1.25rem; }
    h1 { font-size: 1.5rem; margin: 1rem 0 0.25rem; }
    .about, .keys, .noscript { color: var(--faint); font-size: 0.9rem; margin: 0.25rem 0; }
    .controls { display: none; position: sticky; top: 0; z-index: 1; background: var(--bg); border-bottom: 1px solid var(--rule); \
    padding: 0.5rem 1.25rem; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
    .js .controls { display: flex; }
    .js .noscript { display: none; }
    .controls button { font: inherit; padding: 0.35rem 0.9rem; border: 2px solid var(--fg); border-radius: 6px; background: var(--panel); color: var(--fg); cursor: pointer; }
    .controls button:disabled { opacity: 0.45; cursor: default; }
    .controls button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .position { font-weight: 700; min-width: 12rem; }
    main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 1.5rem; align-items: start; }
    @media (max-width: 60rem) { main { grid-template-columns: minmax(0, 1fr); } }
    .ladder { margin: 0; overflow: auto; border: 1px solid var(--rule); border-radius: 6px; }
    .ladder svg { display: block; width: 100%; height: auto; }
    .transcript h2 { font-size: 1.15rem; margin: 0.5rem 0; }
    .transcript ol.stops { list-style: none; padding: 0; margin: 0; }
    li.stop { border: 1px solid var(--rule); border-radius: 6px; padding: 0.75rem 1rem; margin: 0 0 1rem; background: var(--panel); }
    li.stop[aria-current="step"] { border: 3px solid var(--accent); }
    li.stop h3 { margin: 0 0 0.5rem; font-size: 1.2rem; }
    ol.calls { padding-left: 1.2rem; margin: 0 0 0.75rem; }
    ol.calls li { margin: 0.25rem 0; }
    code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.95em; overflow-wrap: anywhere; }
    .state { font-weight: 700; }
    .time, .crossing { display: block; color: var(--faint); font-size: 0.9rem; }
    .explain { margin: 0.5rem 0; }
    .explain p { margin: 0.25rem 0; }
    .explain .language { font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; color: var(--faint); margin: 0.5rem 0 0; }
    dl.terms { margin: 0.5rem 0 0; }
    dl.terms dt { font-weight: 700; margin-top: 0.35rem; }
    dl.terms dd { margin: 0 0 0 1rem; }
    dfn { font-style: normal; }
    @media print {
      :root { --bg: #ffffff; --fg: #000000; --faint: #333333; --panel: #ffffff; --rule: #999999; }
      body { font-size: 11pt; }
      .controls, .keys { display: none !important; }
      main { display: block; }
      .ladder { overflow: visible; border: none; }
      .ladder svg { max-width: 100%; }
      li.stop, li.stop[hidden] { display: block !important; break-inside: avoid; border: 1px solid #999999; }
    }
    """
}
