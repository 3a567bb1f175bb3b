/**
 * The parser's parts on their own, on small texts shaped like the report's: pages and page
 * furniture, footnotes, tables that survived as text. The whole report is checked by the golden
 * tests (pages, hyphenation, corpus --json).
 */
import { describe, expect, it } from 'vitest';
import { markedNumbers, readFootnotes, stripMarkers } from '../../src/corpus/footnotes.js';
import { isColumnPage, linesBetweenBlanks, readPages, splitPage } from '../../src/corpus/pages.js';
import type { Footnote } from '../../src/corpus/schema.js';
import { findTables, isLabelLine, isRowLine, parseValue } from '../../src/corpus/tables.js';
import { buildLexicon } from '../../src/corpus/text.js';

const PAGE = [
  ' How effective is the force at preventing crime?',
  '',
  'The force recorded 9,705 crimes in 2014.3 Its rate was 0.5 per cent lower.4',
  'https://www.example.org/link',
  '',
  '                                        ',
  '3 Home Office figures.',
  '4 Compared with the',
  'previous year.',
  '',
  'After the notes.',
].join('\n');

describe('pages', () => {
  it('numbers pages from the lines that start with one space, and keeps line numbers', () => {
    const { lines, pages } = readPages(`before any page\n${PAGE}\n Second page\ntext`);
    expect(pages.map((p) => [p.n, p.firstLine, p.lastLine])).toEqual([[1, 2, 12], [2, 13, 14]]);
    expect(lines[0]).toMatchObject({ no: 2, page: 1, text: 'How effective is the force at preventing crime?' });
  });

  it('splits a page into body and footnote area, dropping web addresses', () => {
    const { body, area } = splitPage(readPages(PAGE).lines);
    expect(area.map((l) => l.text)).toEqual(['3 Home Office figures.', '4 Compared with the', 'previous year.']);
    expect(body.map((l) => l.text)).not.toContain('https://www.example.org/link');
    expect(body.at(-1)!.text).toBe('After the notes.');
    expect(linesBetweenBlanks(body).map((c) => c.length)).toEqual([1, 1, 1]);
  });

  it('tells a two-column page by its short lines', () => {
    const short = readPages(` a\n${Array.from({ length: 24 }, (_, i) => `word ${i}`).join('\n')}`).lines;
    expect(isColumnPage(short)).toBe(true);
    expect(isColumnPage(readPages(PAGE).lines)).toBe(false);
  });
});

describe('footnotes', () => {
  it('reads the footnotes marked on the page, in order, and strips their markers from the body', () => {
    const { body, area } = splitPage(readPages(PAGE).lines);
    const marked = markedNumbers(body);
    expect([...marked].sort()).toEqual([3, 4]);
    const footnotes: Footnote[] = [{ n: 1, text: 'a', page: 0, line: 0 }, { n: 2, text: 'b', page: 0, line: 0 }];
    const onPage = readFootnotes(area, marked, footnotes, 1, buildLexicon(PAGE));
    expect(footnotes.slice(2)).toEqual([
      { n: 3, text: 'Home Office figures.', page: 1, line: 7 },
      { n: 4, text: 'Compared with the previous year.', page: 1, line: 8 },
    ]);
    const found = new Map<number, number[]>();
    const sentence = body.find((l) => l.text.includes('9,705'))!;
    expect(stripMarkers(sentence, onPage, found)).toBe('The force recorded 9,705 crimes in 2014. Its rate was 0.5 per cent lower.');
    expect(found.get(sentence.no)).toEqual([3, 4]);
  });

  it('does not open a footnote whose number is not next, or not marked on the page', () => {
    const { area } = splitPage(readPages(PAGE).lines);
    const footnotes: Footnote[] = [];
    expect([...readFootnotes(area, new Set([3, 4]), footnotes, 1, buildLexicon(PAGE))]).toEqual([]);
    expect(footnotes).toEqual([]);
  });
});

describe('tables that survived as text', () => {
  it('knows a row by its numbers and a label by its shortness', () => {
    expect(isRowLine('Sexual offences 1.8 1.6')).toBe(true);
    expect(isRowLine('Drug activity 85%')).toBe(true);
    expect(isRowLine('In 2014 there were 12')).toBe(false);
    expect(isLabelLine('Cleveland  England and Wales')).toBe(true);
    expect(isLabelLine('This sentence ends.')).toBe(false);
    expect(parseValue('9,705')).toEqual({ text: '9,705', number: 9705 });
  });

  it('finds the header, rows and legend of a table on one page', () => {
    const lines = readPages([' Figure 3: Crime rates', '', 'Cleveland England and Wales', '', 'Burglary 5.1 4.2', 'Robbery 0.8 0.9', '', 'Source: Home Office', '', 'A paragraph that ends.'].join('\n')).lines;
    const chunks = linesBetweenBlanks(lines);
    const spans = findTables(chunks);
    expect([...spans.entries()].map(([i, s]) => [chunks[i]![0]!.text, s.role])).toEqual([
      ['Cleveland England and Wales', 'header'],
      ['Burglary 5.1 4.2', 'rows'],
    ]);
  });
});
