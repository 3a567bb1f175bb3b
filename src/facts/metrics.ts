import type { Block, Figure, FigureRow, Report } from '../corpus/schema.js';
import { pagesOf } from '../corpus/page-span.js';
import { splitSentences } from '../corpus/text.js';
import { slugify } from '../corpus/parse.js';
import { parseValue } from '../corpus/tables.js';
import { citeBlock } from './judgments.js';
import type { FactCitation, Metric, MetricValue } from './schema.js';

/**
 * Metrics: every row of a figure table, and the numbers stated in the prose (counts, rates,
 * percentages, changes) with their comparator, period and earlier value where the same sentence
 * (or the next one) gives them.
 */
export function extractMetrics(report: Report): Metric[] {
  return [...report.figures.flatMap((f) => figureMetrics(report, f)), ...proseMetrics(report)];
}

const PERIOD = /(?:the )?(?:12 months|year) (?:to|ending) \d{1,2} \w+ \d{4}|as at \d{1,2} \w+ \d{4}/i;

function periodOf(text: string): string | null {
  const m = PERIOD.exec(text);
  return m ? tidyPeriod(m[0]) : null;
}

function tidyPeriod(p: string): string {
  return p.replace(/^the /i, '').replace(/^As/, 'as');
}

/** The period a number is for: the last one stated before it in its sentence, else the first after it. */
function periodNear(sentence: string, at: number): string | null {
  const all = [...sentence.matchAll(new RegExp(PERIOD.source, 'gi'))];
  const before = all.filter((m) => m.index! < at).pop();
  const chosen = before ?? all[0];
  return chosen ? tidyPeriod(chosen[0]) : null;
}

function value(text: string): MetricValue {
  const words = WORD_NUMBERS.indexOf(text.toLowerCase());
  return { text, number: words >= 0 ? words : parseValue(text).number };
}

// --- figure tables ---------------------------------------------------------------------------

function figureMetrics(report: Report, figure: Figure): Metric[] {
  const caption = report.blocks.find((b) => b.kind === 'caption' && b.figure === figure.n);
  const note = report.blocks.find((b) => b.kind === 'note' && b.figure === figure.n);
  const captionUnit = /\((per [\d,]+ \w+)\)/.exec(figure.caption)?.[1] ?? null;
  const period = periodOf(figure.caption);
  const metrics: Metric[] = [];
  for (const row of figure.rows) {
    const block = report.blocks.find((b) => b.id === row.block)!;
    const label = row.label.replace(/\*$/, '');
    const noteUnit = note && row.label.endsWith('*') ? unitFromNote(note.text, label) : null;
    // one metric per measure, its first area the subject
    const measures = [...new Set(figure.columns.map((c) => c.measure))];
    for (const measure of measures) {
      const cols = figure.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.measure === measure);
      const main = row.values[cols[0]!.i]!;
      const comparatorCol = cols.find(({ c }) => /England and Wales/.test(c.area));
      const comparator = comparatorCol && comparatorCol !== cols[0] ? row.values[comparatorCol.i] : undefined;
      const isPercent = main.text.endsWith('%');
      const unit = isPercent ? 'percent' : measure && /^Number/.test(measure) ? 'count' : measure ? measure.toLowerCase() : (noteUnit ?? captionUnit ?? 'count');
      const explainers: FactCitation[] = [];
      if (caption) explainers.push(citeBlock(report, caption));
      if (noteUnit && note) explainers.push(citeBlock(report, note));
      // a rate defined in a footnote of the caption ("Rate based on number of outcomes …")
      if (measure && !/^Number/.test(measure)) {
        const definition = report.footnotes.find((f) => figure.footnotes.includes(f.n) && new RegExp(`^${measure}\\b`, 'i').test(f.text));
        if (definition) explainers.push({ report: report.id, section: `Footnote ${definition.n}`, page: definition.page, quote: definition.text, block: `fn${definition.n}` });
      }
      metrics.push({
        id: `${report.id}:fig${figure.n}:${slugify(label)}${measure ? `:${slugify(measure)}` : ''}`,
        report: report.id,
        ...figureLabel(figure, row, label, measure),
        value: { text: main.text.replace(/%$/, ''), number: main.number },
        unit,
        comparator: comparator ? { area: 'England and Wales', text: comparator.text, number: comparator.number } : null,
        earlier: null,
        period,
        page: row.page,
        quote: block.text,
        context: [figure.caption, figure.note ?? ''].join(' '),
        from: 'figure',
        figure: figure.n,
        citations: [citeBlock(report, block), ...explainers],
      });
    }
  }
  return metrics;
}

function figureLabel(figure: Figure, row: FigureRow, label: string, measure: string | null): Pick<Metric, 'label' | 'name' | 'topic'> {
  const group = row.group ? ` (${row.group})` : '';
  const what = measure ? ` – ${measure.toLowerCase()}` : '';
  const name = `${label}${group}${what}`;
  const topic = figure.caption.replace(/^Figure \d+:\s*/, '').replace(/\s*\(.*?\)|,? (?:for|in|as at) .*$/g, '');
  return { label: `${name} · ${topic}`, name, topic };
}

/** The unit a figure's note gives for a starred row: "the rate for burglary in a dwelling is the rate per 1,000 households". */
function unitFromNote(note: string, label: string): string | null {
  const at = note.toLowerCase().indexOf(label.toLowerCase());
  if (at < 0) return null;
  return /per [\d,]+ \w+/.exec(note.slice(at))?.[0] ?? null;
}

// --- prose -----------------------------------------------------------------------------------

const WORD_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const NUMBER = /(?<![\p{L}\p{N}.,/])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{L}\p{N}]|[.,]\d|\/)/gu;
const MONTH = /^\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/;
const DURATION = /^[\s-]*(?:months?|years?|weeks?|days?|hours?)\b/;
const FROM_TO = new RegExp(
  `from (\\d[\\d,.]*|${WORD_NUMBERS.join('|')})(?: (\\w+))? (?:down |up )?to (\\d[\\d,.]*|${WORD_NUMBERS.join('|')})\\b`,
  'i',
);
const COMPARATOR_AREA = /England and Wales|all forces|national/i;

export interface Mention {
  text: string;
  start: number;
  end: number;
  unit: string;
}

export function mentions(sentence: string): Mention[] {
  const out: Mention[] = [];
  for (const m of sentence.matchAll(NUMBER)) {
    const text = m[1]!;
    const start = m.index!;
    const end = start + text.length;
    const before = sentence.slice(0, start);
    const after = sentence.slice(end);
    const isPercent = /^\s*(?:percent|per cent|%)/.test(after);
    if (/^(?:19|20)\d\d$/.test(text) && !isPercent) continue; // a year
    if (MONTH.test(after) || DURATION.test(after)) continue; // a date or a length of time
    if (/(?:Figure|Annex|questions?|Cmnd|page|per)\s*$/i.test(before)) continue;
    if (before.trim() === '' && after.startsWith('.')) continue; // a numbered list item
    const perMillion = /^\s+(?:\S+\s+){0,2}per (?:one )?million/.test(after);
    const per1000 = /^\s+(?:\S+\s+){0,2}per 1,000 (\w+)/.exec(after);
    out.push({ text, start, end, unit: isPercent ? 'percent' : perMillion ? 'per million population' : per1000 ? `per 1,000 ${per1000[1]}` : 'count' });
  }
  return out;
}

/** How far past a number its comparator's area may be named: "…, compared with 63.0 for England and Wales" (characters). */
const COMPARATOR_WINDOW = 40;

/** Numbers said in prose: each sentence's numbers, with what each counts, its comparator, earlier value and period. */
function proseMetrics(report: Report): Metric[] {
  const metrics: Metric[] = [];
  for (const block of report.blocks) {
    if (block.kind !== 'paragraph' && block.kind !== 'bullet') continue;
    const sentences = splitSentences(block.text);
    // each sentence's numbers, found once, so a number taken as the previous sentence's comparator is known by identity
    const found = sentences.map(mentions);
    const taken = new Set<Mention>();
    let periodSoFar: string | null = null;
    sentences.forEach((sentence, si) => {
      periodSoFar = periodOf(sentence) ?? periodSoFar;
      const used = new Set<Mention>();
      const change = fromTo(sentence, found[si]!);
      if (change) {
        metrics.push(proseMetric(report, block, sentence, metrics.length, { ...change.metric, period: periodSoFar }));
        for (const m of change.used) used.add(m);
      }
      for (const m of found[si]!) {
        if (used.has(m) || taken.has(m)) continue;
        used.add(m);
        const against = comparatorOf(sentences, found, si, m, used);
        if (against.mention) (against.sentence ? taken : used).add(against.mention);
        const before = earlierOf(sentence, m, found[si]!);
        if (before.mention) used.add(before.mention);
        metrics.push(
          proseMetric(report, block, quotedWith(sentences, si, against.sentence), metrics.length, {
            label: labelFor(sentence, m),
            value: value(m.text),
            unit: m.unit,
            comparator: against.comparator,
            earlier: before.earlier,
            period: periodNear(sentence, m.start) ?? periodSoFar,
          }),
        );
      }
    });
  }
  return metrics;
}

/**
 * "reduced the number of managed offenders from 280 down to 140": the later value is the metric,
 * the earlier its earlier value, and what was counted the label. Null when the sentence says no change.
 */
export function fromTo(sentence: string, found: Mention[]): { metric: { label: string; value: MetricValue; unit: string; earlier: Metric['earlier'] }; used: Mention[] } | null {
  const match = FROM_TO.exec(sentence);
  if (!match) return null;
  const to = match[3]!;
  const unitWord = match[2] && DURATION.test(` ${match[2]}`) ? match[2] : null;
  const before = sentence.slice(0, match.index).trim();
  const subject = /\bnumber of ([\p{L} -]+)$/u.exec(before)?.[1] ?? (labelBefore(before) || 'value');
  return {
    metric: { label: subject, value: value(to), unit: unitWord ?? found.find((m) => m.text === to)?.unit ?? 'count', earlier: { ...value(match[1]!), when: null } },
    used: found.filter((m) => m.text === to || m.text === match[1]),
  };
}

/**
 * A number's England and Wales (or national) figure: a later number of the same unit in the same
 * sentence with the area named within the window after it, or else, when the sentence names no
 * area, the next sentence's first number of the same unit when that sentence names one. The
 * mention is returned so the caller can keep it from being a metric of its own.
 */
export function comparatorOf(
  sentences: string[],
  found: Mention[][],
  si: number,
  m: Mention,
  used: Set<Mention>,
): { comparator: Metric['comparator']; mention: Mention | null; sentence: string | null } {
  const sentence = sentences[si]!;
  const sameSentence = found[si]!.find((o) => !used.has(o) && o.unit === m.unit && COMPARATOR_AREA.test(sentence.slice(m.end, o.end + COMPARATOR_WINDOW)));
  if (sameSentence && !COMPARATOR_AREA.test(sentence.slice(0, m.start))) {
    return { comparator: { area: areaName(sentence.slice(m.end)), ...value(sameSentence.text) }, mention: sameSentence, sentence: null };
  }
  if (!COMPARATOR_AREA.test(sentence)) {
    const next = sentences[si + 1];
    const nextMention = next ? found[si + 1]!.find((o) => o.unit === m.unit) : undefined;
    if (next && nextMention && COMPARATOR_AREA.test(next)) return { comparator: { area: areaName(next), ...value(nextMention.text) }, mention: nextMention, sentence: next };
  }
  return { comparator: null, mention: null, sentence: null };
}

/** "which has reduced from 22 as at 1 July 2014": a number's earlier value later in its sentence. */
export function earlierOf(sentence: string, m: Mention, found: Mention[]): { earlier: Metric['earlier']; mention: Mention | null } {
  const match = /^.*?\bfrom (\d[\d,.]*)(?: (as at \d{1,2} \w+ \d{4}))?/.exec(sentence.slice(m.end));
  const e = match ? found.find((o) => o.text === match[1] && o.start > m.start) : undefined;
  return e ? { earlier: { ...value(e.text), when: match![2] ?? null }, mention: e } : { earlier: null, mention: null };
}

/**
 * What a prose number is quoted with: its sentence; a comparator from the next sentence (the two
 * stand together in the block); a next sentence that restates the figure ("… 33 OCGs. This
 * represents 59 OCGs per one million …"); and, for a restating sentence, the one it refers to.
 */
export function quotedWith(sentences: string[], si: number, comparatorSentence: string | null): string {
  const sentence = sentences[si]!;
  const next = sentences[si + 1];
  const restatedBy = next && next !== comparatorSentence && RESTATES.test(next) && mentions(next).length > 0 ? next : null;
  const restating = si > 0 && RESTATES.test(sentence) ? sentences[si - 1]! : null;
  return [restating, sentence, comparatorSentence, restatedBy].filter((x): x is string => x !== null).join(' ');
}

/** A sentence that restates the one before it, in other numbers: "This represents 59 OCGs per one million", "This is 2 percent fewer …". */
const RESTATES = /^(?:this|that|these|which) (?:represents?|is|was|are|were|equates? to|amounts? to|means)\b/i;

function areaName(text: string): string {
  if (/England and Wales|all forces/i.test(text)) return 'England and Wales';
  return 'national';
}

function proseMetric(
  report: Report,
  block: Block,
  sentence: string,
  n: number,
  m: { label: string; value: MetricValue; unit: string; comparator?: Metric['comparator']; earlier?: Metric['earlier']; period: string | null },
): Metric {
  return {
    id: `${report.id}:${block.id}:m${n}`,
    report: report.id,
    label: m.label,
    name: m.label,
    topic: null,
    value: m.value,
    unit: m.unit,
    comparator: m.comparator ?? null,
    earlier: m.earlier ?? null,
    period: m.period,
    page: pagesOf(block, sentence).page,
    quote: sentence,
    context: block.text,
    from: 'prose',
    figure: null,
    citations: [citeBlock(report, block, sentence)],
  };
}

const STOP_AFTER = /^(?:in|as|this|which|than|during|at|to|from|was|were|by|over|for|with|per|that|who|is|are|has|have|based|when|compared)$/i;

/** What a number counts, from the words that follow it ("42,844 incidents of anti-social behaviour"), or precede it. */
function labelFor(sentence: string, m: Mention): string {
  const afterWords: string[] = [];
  let rest = sentence.slice(m.end);
  if (m.unit === 'percent') rest = rest.replace(/^\s*(?:percent|per cent|%)/, '');
  for (const word of rest.trim().split(/\s+/)) {
    const bare = word.replace(/[.,;:]+$/, '');
    // "79.0 percent were satisfied with …": after a percentage, a verb still says what it counts
    const opensPhrase = afterWords.length === 0 && m.unit === 'percent' && /^(?:were|was|of)$/i.test(bare);
    if (!bare || (STOP_AFTER.test(bare) && !opensPhrase) || afterWords.length >= 6) break;
    afterWords.push(bare);
    if (bare !== word) break; // punctuation ends the phrase
  }
  const after = balanceParentheses(afterWords.join(' '));
  if (m.unit !== 'percent' && after) return after;
  const before = labelBefore(sentence.slice(0, m.start)).replace(/^(?:this|that|it|there) (?:is|was|were|are)\b\s*/i, '');
  return [before, after].filter(Boolean).join(' … ') || 'value';
}

function balanceParentheses(s: string): string {
  const open = (s.match(/\(/g) ?? []).length;
  const close = (s.match(/\)/g) ?? []).length;
  if (close > open) return s.replace(/\)$/, '');
  return open > close ? `${s})` : s;
}

/** The clause before a number, without its dates: "police recorded crime (excluding fraud) … fell by". */
function labelBefore(text: string): string {
  const clause = text.split(/[,;:]\s/).pop() ?? text;
  const words = clause
    .replace(new RegExp(`\\b(?:in|for|to|of) (?:${PERIOD.source})`, 'gi'), '')
    .replace(new RegExp(PERIOD.source, 'gi'), '')
    .replace(/\b(?:in|for) the\s*$/i, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return words.slice(-10).join(' ');
}
