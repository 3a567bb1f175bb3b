/**
 * Pages and page furniture: the lines of a report's text with the page each is on (a page starts
 * on a line with one leading space), each page's footnote area (under a long run of spaces) apart
 * from its body, web-address lines (link annotations) dropped, two-column overview pages told
 * apart, and the runs of lines between blank lines that become blocks. Pure.
 */
import type { Report } from './schema.js';

export interface Line {
  /** 1-based line number in report.txt */
  no: number;
  page: number;
  /** the line without its page-start space and trailing spaces (leading indentation kept) */
  text: string;
  /** the line as it stands in the file */
  raw: string;
}

const PAGE_START = /^ \S/;
const FOOTNOTE_RULE = /^\s{20,}$/;
const ADDRESS_LINE = /^https?:\/\/\S+$/;

/** The report's lines with their pages, and the pages; lines before the first page start belong to none. */
export function readPages(text: string): { lines: Line[]; pages: Report['pages'] } {
  const rawLines = text.replace(/\r\n?/g, '\n').split('\n');
  if (rawLines.at(-1) === '') rawLines.pop();
  const lines: Line[] = [];
  const pages: Report['pages'] = [];
  rawLines.forEach((raw, i) => {
    if (PAGE_START.test(raw)) pages.push({ n: pages.length + 1, firstLine: i + 1, lastLine: i + 1, layout: 'text' });
    const page = pages.at(-1);
    if (!page) return; // text before the first page start is not part of any page
    page.lastLine = i + 1;
    lines.push({ no: i + 1, page: page.n, text: (PAGE_START.test(raw) ? raw.slice(1) : raw).trimEnd(), raw });
  });
  return { lines, pages };
}

/** One page's lines split into its body and its footnote area (the lines under the rule, up to a blank line). */
export function splitPage(pageLines: Line[]): { body: Line[]; area: Line[] } {
  const kept = pageLines.filter((l) => !ADDRESS_LINE.test(l.text.trim()));
  const rule = kept.findIndex((l) => FOOTNOTE_RULE.test(l.raw));
  if (rule < 0) return { body: kept, area: [] };
  let areaEnd = rule + 1;
  while (areaEnd < kept.length && kept[areaEnd]!.text.trim() !== '') areaEnd++;
  return { body: [...kept.slice(0, rule), ...kept.slice(areaEnd)], area: kept.slice(rule + 1, areaEnd) };
}

/** Runs of lines between blank lines; a page end also ends one. */
export function linesBetweenBlanks(lines: Line[]): Line[][] {
  const chunks: Line[][] = [];
  let current: Line[] = [];
  for (const l of lines) {
    const breaks = l.text.trim() === '' || (current.length > 0 && current.at(-1)!.page !== l.page);
    if (breaks && current.length) {
      chunks.push(current);
      current = [];
    }
    if (l.text.trim() !== '') current.push(l);
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** A two-column overview page: most of its lines are short, its columns interleaved line by line. */
export function isColumnPage(bodyLines: Line[]): boolean {
  const text = bodyLines.filter((l) => l.text.trim() !== '');
  if (text.length < 20) return false;
  const short = text.filter((l) => l.text.trim().length <= 50).length;
  return short / text.length >= 0.8;
}
