// Package render turns report values into the documents people download:
// CSV for spreadsheets and PDF to print. It takes values and returns bytes;
// it knows nothing of HTTP.
//
// CSV cells that a spreadsheet would run as a formula are guarded with a
// leading quote; Indonesian Excel's separators (";" between cells, "," for
// decimals) are a style the caller asks for. PDFs use the core fonts, so
// their text is Latin-1: what it cannot show is replaced, never dropped
// silently. Money is formatted from minor units, never through floating
// point.
package render
