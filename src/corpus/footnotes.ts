/**
 * Footnotes: the markers glued to words in a page's body ("judgment1", "2014.3", "fraud)4 5 6") and
 * the footnote texts in the page's footnote area. A line of the area opens footnote N only when N
 * is the next footnote and is marked on the page. Pure.
 */
import type { Footnote } from './schema.js';
import type { Line } from './pages.js';
import { joinLines, type Lexicon } from './text.js';

/** A footnote marker glued to a word, a closing mark or a year: "judgment1", "2014.3", "fraud)4 5 6", "201512 13". */
// A period or comma before the marker must follow a word or a year, so "0.5" and "9,705" are numbers.
const MARKER_RUN = /(?<=[\p{L})\]’'"”][.,;:]?|(?<![\d,.])(?:19|20)\d\d[.,;:]?)(\d{1,2}(?: \d{1,2})*)(?=\s|$)/gu;

/** The numbers marked in a page's body lines: the footnotes the page may have. */
export function markedNumbers(body: Line[]): Set<number> {
  const candidates = new Set<number>();
  for (const l of body) for (const m of l.text.matchAll(MARKER_RUN)) for (const d of m[1]!.split(' ')) candidates.add(Number(d));
  return candidates;
}

/** Reads one page's footnote area; a line opens footnote N only when N is next and marked on the page. */
export function readFootnotes(area: Line[], candidates: Set<number>, footnotes: Footnote[], page: number, lexicon: Lexicon): Set<number> {
  const onPage = new Set<number>();
  const texts = new Map<Footnote, string[]>();
  for (const l of area) {
    const m = /^\s*(\d{1,3})\s+(\S.*)$/.exec(l.text);
    const next = footnotes.length + 1;
    if (m && Number(m[1]) === next && candidates.has(next)) {
      const f: Footnote = { n: next, text: '', page, line: l.no };
      footnotes.push(f);
      texts.set(f, [m[2]!]);
      onPage.add(next);
    } else {
      const last = footnotes.at(-1);
      if (!last) continue;
      const parts = texts.get(last) ?? [last.text];
      parts.push(l.text);
      texts.set(last, parts);
    }
  }
  for (const [f, parts] of texts) f.text = joinLines(parts, lexicon);
  return onPage;
}

/** Removes this page's footnote markers from a body line, remembering which were there. */
export function stripMarkers(line: Line, onPage: Set<number>, found: Map<number, number[]>): string {
  if (onPage.size === 0) return line.text;
  return line.text.replace(MARKER_RUN, (run) => {
    const numbers = run.split(' ').map(Number);
    if (!numbers.every((n) => onPage.has(n))) return run;
    found.set(line.no, [...(found.get(line.no) ?? []), ...numbers]);
    return '';
  });
}
