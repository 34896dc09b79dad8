/**
 * The report's only style, inline: no fonts, images or other files to fetch. Colour only
 * reinforces the state's symbol and word; print starts each section with evidence on a new page
 * (the "not run yet" ones follow each other) and keeps table rows whole, headers repeated.
 */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1.5rem;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c1917;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0 .4rem}
h2{font-size:1.25rem;margin:0 0 .6rem;border-bottom:2px solid #1c1917;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
section{margin:2rem 0}
p{margin:.35rem 0}
.banner{border:3px double #1c1917;padding:.6rem .8rem;font-weight:600;background:#fef3c7}
.meta{color:#44403c}
.mono,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;overflow-wrap:anywhere}
.id{white-space:nowrap;overflow-wrap:normal}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.9em}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border:1px solid #a8a29e;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#f5f5f4;white-space:nowrap}
.state{white-space:nowrap;font-weight:600}
.state.good{color:#166534}
.state.bad{color:#991b1b}
.state.neutral{color:#44403c}
.step{border:1px solid #a8a29e;padding:.6rem .8rem;margin:.8rem 0}
.step h3{margin-top:0}
ul.cats{margin:0;padding-left:1rem}
.none{color:#57534e;font-style:italic}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{max-width:none;padding:0 2px;font-size:10.5pt}
  section{margin:0;break-before:page}
  section:first-of-type,section.pending{break-before:auto}
  section.pending{margin-top:1.2rem}
  h2,h3{break-after:avoid}
  tr,.step{break-inside:avoid}
  thead{display:table-header-group}
  .banner{background:none}
}
`;
