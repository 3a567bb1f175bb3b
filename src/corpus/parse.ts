import { PeelError } from '../errors.js';
import { ReportBuilder } from './builder.js';
import { markedNumbers, readFootnotes, stripMarkers } from './footnotes.js';
import { isColumnPage, type Line, linesBetweenBlanks, readPages, splitPage } from './pages.js';
import type { Footnote, Manifest, Report } from './schema.js';
import { findTables } from './tables.js';
import { buildLexicon } from './text.js';

export { slugify } from './builder.js';

/**
 * parseReport: the text of a PEEL report (as extracted from its PDF) → a Report.
 *
 * Pure. The shapes it relies on are described in ../shared/DESIGN.md ("Reading the report
 * text"): a page starts on a line with one leading space; footnotes sit at a page's end under a
 * long run of spaces; headings are questions; grades stand alone on a line; some figures left
 * their tables as text after the footnotes. Each of those is a part of its own: pages.ts,
 * footnotes.ts, tables.ts, builder.ts (sections and blocks); this file puts them in order.
 */

function fail(file: string, what: string): never {
  throw new PeelError('CORPUS_INVALID', `corpus: ${file}: ${what}`);
}

/** Parses a report's text; `file` names it in errors. */
export function parseReport(text: string, manifest: Manifest, file = `${manifest.id}/report.txt`): Report {
  const lexicon = buildLexicon(text);

  // 1. Pages.
  const { lines, pages } = readPages(text);
  if (pages.length === 0) fail(file, 'no page found (a page starts on a line with one leading space)');

  // 2. Per page: body lines, the footnote area, web-address lines (link annotations) dropped.
  const markersByLine = new Map<number, number[]>();
  const byPage = new Map<number, Line[]>();
  for (const line of lines) byPage.set(line.page, [...(byPage.get(line.page) ?? []), line]);
  const body: Line[] = [];
  const columnLines: Line[] = [];
  const footnotes: Footnote[] = [];
  for (const page of pages) {
    const { body: bodyLines, area } = splitPage(byPage.get(page.n) ?? []);
    if (isColumnPage(bodyLines)) {
      // Two-column overview pages interleave their columns: only the whole sentences of each
      // run of lines are kept (see addColumnSentences), for what they say that no later page does.
      page.layout = 'columns';
      columnLines.push(...bodyLines);
      continue;
    }
    const onPage = readFootnotes(area, markedNumbers(bodyLines), footnotes, page.n, lexicon);
    for (const l of bodyLines) body.push({ ...l, text: stripMarkers(l, onPage, markersByLine) });
  }
  footnotes.forEach((f, i) => {
    if (f.n !== i + 1) fail(file, `footnote ${f.n} found where footnote ${i + 1} was expected (line ${f.line})`);
  });

  // 3. Blocks between blank lines (a page end also ends one), then typed and placed in sections.
  const chunks = linesBetweenBlanks(body);
  const builder = new ReportBuilder(manifest, lexicon, markersByLine, new Set(pages.map((p) => p.firstLine)));
  const tables = findTables(chunks);
  chunks.forEach((chunk, i) => {
    const table = tables.get(i);
    if (table) builder.addTableChunk(chunk, table);
    else builder.addChunk(chunk);
  });
  builder.addColumnSentences(linesBetweenBlanks(columnLines));
  if (builder.topHeadings === 0) fail(file, 'no heading found (no "Overview", "Introduction" or main question)');
  return { id: manifest.id, manifest, pages, sections: builder.sections, blocks: builder.blocks, footnotes, figures: builder.figures };
}
