import { describe, expect, it } from 'vitest';
import { MARKERS } from '../corpus/markers.js';
import { SEED_LINES, seed } from '../corpus/seed.js';

/**
 * Faithfulness: every quote in the model occurs in report.txt once lines are joined and split
 * words mended. The checker is written apart from the parser on purpose (it calls none of its
 * helpers): both sides lose all whitespace and ASCII hyphens, and the raw text loses the footnote
 * markers of a golden fixture (checked by hand), so "judgment1" reads "judgment".
 */

function canonical(text: string): string {
  return text.replace(/[\s-]+/g, '');
}

/** report.txt with the golden markers removed, line by line (each marker must stand where the fixture says). */
function unmarkedLines(): string[] {
  const lines = [...SEED_LINES];
  for (const m of MARKERS) {
    const line = lines[m.line - 1]!;
    const at = line.indexOf(m.marked);
    if (at < 0 || line.indexOf(m.marked, at + 1) >= 0) throw new Error(`marker "${m.marked}" is not once on line ${m.line}`);
    lines[m.line - 1] = line.slice(0, at) + m.clean + line.slice(at + m.marked.length);
  }
  return lines;
}

/**
 * The body without what a page puts between two halves of a paragraph: footnote areas (from a line
 * of 20 or more spaces to the next blank line) and link annotations (lines that are one http address).
 */
function bodyOnly(lines: string[]): string[] {
  const out: string[] = [];
  let inFootnotes = false;
  for (const line of lines) {
    if (/^\s{20,}$/.test(line)) inFootnotes = true;
    else if (inFootnotes && line.trim() === '') inFootnotes = false;
    else if (!inFootnotes && !/^\s*https?:\/\/\S+\s*$/.test(line)) out.push(line);
  }
  return out;
}

const lines = unmarkedLines();
const WHOLE = canonical(lines.join('\n'));
const BODY = canonical(bodyOnly(lines).join('\n'));

function occurs(quote: string): boolean {
  const q = canonical(quote);
  return q.length > 0 && (WHOLE.includes(q) || BODY.includes(q));
}

describe('faithfulness: every quote occurs in the report text', () => {
  const { report, facts } = seed();

  it('the checker itself: finds what the report says and rejects what it does not', () => {
    expect(occurs('We found some examples of good problem-\nsolving and crime prevention')).toBe(true);
    expect(occurs('taken into consideration 345')).toBe(false); // case matters
    expect(occurs('Cleveland Police requires improvement in the way it keeps people safe and reduces crime.')).toBe(true);
    expect(occurs('Cleveland Police is outstanding in the way it keeps people safe.')).toBe(false);
    expect(occurs('42,844')).toBe(true);
    expect(occurs('42,845')).toBe(false);
    // a marker left in a quote would not match: "judgment1" is gone from the canonical text
    expect(occurs('Overall judgment1')).toBe(false);
    expect(occurs('Overall judgment')).toBe(true);
  });

  it('block texts (paragraphs, bullets, grades, captions, sources, notes, rows)', () => {
    const missing = report.blocks.filter((b) => !occurs(b.text)).map((b) => `${b.id} p${b.page}: ${b.text.slice(0, 80)}`);
    expect(missing).toEqual([]);
  });

  it('section titles, footnotes, figure captions and sources', () => {
    const quotes = [
      ...report.sections.filter((s) => s.title !== report.manifest.title).map((s) => s.title),
      ...report.footnotes.map((f) => f.text),
      ...report.figures.flatMap((f) => [f.caption, f.source ?? '', f.note ?? ''].filter(Boolean)),
    ];
    expect(quotes.filter((q) => !occurs(q))).toEqual([]);
  });

  it('judgments: quote, summary paragraphs and citation', () => {
    const quotes = facts.judgments.flatMap((j) => [j.quote, ...j.summary, j.citation.quote, j.grade]);
    expect(quotes.filter((q) => !occurs(q))).toEqual([]);
    // the grade line is quoted as the report writes it (capitalised), so compare ignoring case
    for (const j of facts.judgments) expect(WHOLE.toLowerCase()).toContain(canonical(j.grade));
  });

  it('areas for improvement: text and citation', () => {
    const quotes = facts.improvements.flatMap((i) => [i.text, i.citation.quote]);
    expect(quotes.filter((q) => !occurs(q))).toEqual([]);
  });

  it('metrics: quote, every citation, and the value (and comparator, earlier value) as written', () => {
    const bad: string[] = [];
    for (const m of facts.metrics) {
      for (const q of [m.quote, ...m.citations.map((c) => c.quote)]) if (!occurs(q)) bad.push(`${m.id}: ${q.slice(0, 80)}`);
      // a value as written stands in the metric's own quote (a figure's "85%" row keeps its sign)
      for (const v of [m.value, m.comparator, m.earlier]) {
        if (!v) continue;
        const quoted = [m.quote, ...m.citations.map((c) => c.quote)].join(' ');
        if (!quoted.includes(v.text)) bad.push(`${m.id}: ${v.text} not in its quotes`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('every citation points at the block and page it quotes', () => {
    const byId = new Map(report.blocks.map((b) => [b.id, b]));
    const citations = [...facts.judgments.map((j) => j.citation), ...facts.improvements.map((i) => i.citation), ...facts.metrics.flatMap((m) => m.citations)];
    for (const c of citations) {
      if (c.block.startsWith('fn')) {
        const f = report.footnotes[Number(c.block.slice(2)) - 1]!;
        expect([c.page, c.quote]).toEqual([f.page, f.text]);
        continue;
      }
      const block = byId.get(c.block)!;
      expect(block, c.block).toBeDefined();
      expect(c.page).toBe(block.page);
      expect(block.text).toContain(c.quote);
    }
  });
});
