/** The HTML report's inline stylesheet: no external assets, readable printed or on screen. */
export const HTML_STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2328; }
header p { color: #59636e; margin: 0.2rem 0; }
.total { font-size: 1.3rem; font-weight: 600; }
section { margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d1d9e0; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
td.points { text-align: right; white-space: nowrap; }
.passed { color: #1a7f37; }
.failed { color: #cf222e; }
.error { color: #8250df; }
.skipped { color: #9a6700; }
.badge { border-radius: 1rem; border: 1px solid currentColor; font-size: 0.8rem; padding: 0 0.5rem; }
.hint { background: #fff8c5; border-left: 4px solid #d4a72c; padding: 0.4rem 0.6rem; }
details { margin: 0.8rem 0; }
summary { cursor: pointer; font-weight: 600; }
pre { background: #f6f8fa; overflow-x: auto; padding: 0.5rem; white-space: pre-wrap; }
.muted { color: #59636e; font-style: italic; }
`;
