/**
 * What the digest shows: every report's judgments, areas for improvement and headline metrics as
 * DigestItems, in an order of their own for each channel (deterministic: a hash of the channel and
 * the item), and the pick for a channel's next digest: the first item in its order not among the
 * last (items − 1) shown there. So nothing repeats until everything has been shown, the cycle then
 * starts again in the same order, and items of a newly added report join the cycle.
 */
import type { Knowledge } from '../library/knowledge.js';
import type { FactCitation, Metric } from '../facts/schema.js';
import type { DigestItem } from '../render/digest.js';

/** A headline metric: a figure-table value (not a raw count), or a number in prose with an England and Wales (or national) comparator. */
function isHeadlineMetric(m: Metric): boolean {
  if (m.from === 'figure') return m.unit !== 'count';
  return m.comparator !== null;
}

/** Every digest item of every report, reports by id, then judgments, areas for improvement and metrics in report order. */
export function digestItems(kb: Knowledge, command: string): DigestItem[] {
  const items: DigestItem[] = [];
  // facts only: a digest need not parse every report's index into memory
  for (const { id, title: reportTitle } of [...kb.reports].sort((a, b) => a.id.localeCompare(b.id))) {
    const facts = kb.facts(id)!;
    for (const j of facts.judgments) {
      const overall = j.question === 'overall';
      items.push({
        kind: 'judgment',
        key: `${id}:judgment:${j.question}`,
        reportTitle,
        title: overall ? j.title : j.short,
        overall,
        grade: j.grade,
        quote: j.citation.quote,
        citation: whereQuoted(j.citation),
        ask: overall ? `${command} judgment` : `${command} judgment ${j.short}`,
      });
    }
    const perQuestion = new Map<string, number>();
    for (const imp of facts.improvements) {
      const n = (perQuestion.get(imp.question) ?? 0) + 1;
      perQuestion.set(imp.question, n);
      items.push({
        kind: 'improvement',
        key: `${id}:improvement:${imp.question}:${n}`,
        reportTitle,
        area: imp.short,
        quote: imp.citation.quote,
        citation: whereQuoted(imp.citation),
        ask: `${command} improve ${imp.short}`,
      });
    }
    for (const m of facts.metrics.filter(isHeadlineMetric)) {
      const c = m.citations[0];
      items.push({
        kind: 'metric',
        key: `${id}:metric:${m.id.startsWith(`${id}:`) ? m.id.slice(id.length + 1) : m.id}`,
        reportTitle,
        label: m.label,
        value: m.value.text,
        unit: m.unit,
        comparator: m.comparator ? { area: m.comparator.area, value: m.comparator.text } : null,
        period: m.period,
        quote: c?.quote ?? m.quote,
        citation: c ? whereQuoted(c) : { section: '', page: m.page },
        ask: `${command} metric ${m.name}`,
      });
    }
  }
  return items;
}

/** 32-bit FNV-1a: a stable hash, the same on every machine and Node version. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The channel's order of the items: kinds interleaved (a grade, an area for improvement, a number,
 * …) so a week is varied, each kind shuffled by a hash of the channel and the item's key.
 */
export function channelOrder(items: readonly DigestItem[], channelId: string): DigestItem[] {
  const byKind = new Map<string, DigestItem[]>();
  for (const item of items) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);
  const rank = (item: DigestItem) => fnv1a(`${channelId}|${item.key}`);
  const queues = ['judgment', 'improvement', 'metric']
    .map((k) => (byKind.get(k) ?? []).sort((a, b) => rank(a) - rank(b) || (a.key < b.key ? -1 : 1)))
    .filter((q) => q.length > 0);
  // spread each kind evenly over the cycle: the item at position i of a kind with n items sits at (i + ½)/n
  const placed = queues.flatMap((q, k) => q.map((item, i) => ({ item, at: (i + 0.5) / q.length, k })));
  placed.sort((a, b) => a.at - b.at || a.k - b.k);
  return placed.map((p) => p.item);
}

/** How many recent shown keys the pick needs to look at. */
export function historyNeeded(items: readonly DigestItem[]): number {
  return Math.max(items.length - 1, 0);
}

/** The channel's next item given the keys shown there, newest first; null when there are no items. */
export function chooseItem(items: readonly DigestItem[], channelId: string, shownNewestFirst: readonly string[]): DigestItem | null {
  const order = channelOrder(items, channelId);
  const recent = new Set(shownNewestFirst.slice(0, historyNeeded(items)));
  return order.find((item) => !recent.has(item.key)) ?? order[0] ?? null;
}

/** Where an item's quote stands: its section and page, and the last page when it runs onto another. */
function whereQuoted(c: FactCitation): { section: string; page: number; lastPage?: number } {
  return { section: c.section, page: c.page, ...(c.lastPage ? { lastPage: c.lastPage } : {}) };
}
