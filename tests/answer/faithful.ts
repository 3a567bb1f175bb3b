import { readFileSync } from 'node:fs';
import { MARKERS } from '../corpus/markers.js';

/**
 * Faithfulness, checked independently of the parser: a quote must stand in the report's text
 * (markers out, whitespace and hyphens ignored), and every number of an answer's text must stand
 * in one of its quotes.
 */
const raw = readFileSync('corpus/cleveland-effectiveness-2015/report.txt', 'utf8');

/** The report text as quotes must match it: markers out, then whitespace and hyphens ignored (independent of the parser). */
export function canonical(text: string): string {
  return text.replace(/\s+/g, '').replace(/-/g, '');
}
// a paragraph may run on past a page's footnotes: read the text without footnote areas (from the
// long run of spaces to a blank line or the next page) and without link lines
function withoutFootnoteAreas(text: string): string {
  const out: string[] = [];
  let inArea = false;
  for (const line of text.split('\n')) {
    if (/^ {20,}$/.test(line)) inArea = true;
    else if (inArea && (line.trim() === '' || /^ \S/.test(line))) inArea = false;
    if (!inArea && !/^https?:\/\/\S+$/.test(line.trim())) out.push(line);
  }
  return out.join('\n');
}
function unmarked(text: string): string {
  let out = text;
  for (const m of MARKERS) out = out.split(m.marked).join(m.clean);
  return canonical(out);
}
// footnotes are quoted from the whole text, running text from the text without footnote areas
export const reportTexts = [unmarked(withoutFootnoteAreas(raw)), unmarked(raw)];

export const digits = (t: string) => [...t.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0].replace(/,/g, '').replace(/\.$/, ''));

