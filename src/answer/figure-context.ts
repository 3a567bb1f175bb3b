/**
 * The sentences around a figure that say what it is: the prose sentence a table row's value stands in,
 * the other rows of its table, the sentence of its paragraph saying how it changed, the sentence a
 * "this …" of its own points back to, and what it says of when it is.
 */
import { splitSentences } from '../corpus/text.js';
import type { Metric } from '../facts/index.js';
import { contentTerms } from '../search/content.js';
import type { RewrittenQuery } from '../search/query.js';
import { toCitation } from './facts.js';
import type { Knowledge } from '../library/knowledge.js';
import type { Citation } from './schema.js';
import { POINTS_BACK, blockBefore } from './passages.js';

/** The sentence that gives a figure row's value in words: a prose figure of the same report, value and unit, on or before the figure's page, whose sentence shares a word of the row's label. */
export function proseOf(kb: Knowledge, m: Metric): Citation[] {
  const label = new Set(contentTerms(m.name, kb.vocabulary));
  const same = (kb.facts(m.report)?.metrics ?? []).find(
    (o) => o.from === 'prose' && o.value.text === m.value.text && o.unit === m.unit && Math.abs(o.page - m.page) <= 2 && contentTerms(o.quote, kb.vocabulary).some((t) => label.has(t)),
  );
  return same ? same.citations.slice(0, 1).map(toCitation) : [];
}

/** The rows of the figure a figure-table metric stands in, in the same unit, in the report's order. */
export function figureRows(kb: Knowledge, m: Metric): Metric[] {
  const facts = kb.facts(m.report);
  return (facts?.metrics ?? []).filter((o) => o.from === 'figure' && o.figure === m.figure && o.unit === m.unit);
}

export const CHANGE_SAID = /\b(?:previous|last year|year before|earlier|increase\w*|decrease\w*|reduc\w*|fell|rose|fewer|more than|less than|lower than|higher than|compared with)\b/i;

/** True when a figure's sentence points back to the period of the paragraph before ("over this same period") and that paragraph names the year. */
export function pointsBackTo(kb: Knowledge, m: Metric, year: string): boolean {
  const own = m.citations[0];
  return !!own?.block && POINTS_BACK.test(own.quote) && blockBefore(kb, { report: m.report, block: own.block }).includes(year);
}

/** What a figure itself says of when it is: its sentences or rows, its period, the date of its earlier value. */
export function figureText(m: Metric): string {
  return [...m.citations.map((c) => c.quote), m.label, m.period ?? '', m.earlier?.when ?? ''].join(' ');
}

/** The sentence of a figure's paragraph, other than its own, that compares it with an earlier time or with elsewhere. */
export function changeSentence(kb: Knowledge, m: Metric, q: RewrittenQuery): Citation | null {
  const own = m.citations[0];
  if (!own?.block || m.from !== 'prose') return null;
  for (const sentence of splitSentences(m.context)) {
    if (sentence === own.quote || own.quote.includes(sentence) || !CHANGE_SAID.test(sentence)) continue;
    const have = new Set(contentTerms(sentence, kb.vocabulary));
    if (!q.terms.some((t) => have.has(t))) continue;
    return { ...toCitation(own), quote: sentence };
  }
  return null;
}

/**
 * The sentence a figure's own sentence points back to with "this …" or "these …" ("… managed within this
 * resource reduction" → "Resources within the department have been halved …"): the sentence before it in its
 * paragraph, when that one holds the word pointed with; null otherwise.
 */
export function antecedentSentence(kb: Knowledge, m: Metric): Citation | null {
  const own = m.citations[0];
  if (!own?.block || m.from !== 'prose') return null;
  const pointed = [...own.quote.matchAll(/\b(?:this|these|such)\s+([a-z][a-z-]+)/gi)].flatMap((x) => contentTerms(x[1]!, kb.vocabulary));
  if (pointed.length === 0) return null;
  const sentences = splitSentences(m.context);
  const at = sentences.findIndex((x) => x === own.quote || own.quote.startsWith(x) || x.startsWith(own.quote));
  const before = at > 0 ? sentences[at - 1]! : null;
  if (!before) return null;
  const have = new Set(contentTerms(before, kb.vocabulary));
  return pointed.some((t) => have.has(t)) ? { ...toCitation(own), quote: before } : null;
}
