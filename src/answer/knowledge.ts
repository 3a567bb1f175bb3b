import { loadCorpus } from '../corpus/load.js';
import type { Report } from '../corpus/schema.js';
import { extractFacts, type Facts } from '../facts/index.js';
import { buildSearchIndex, type SearchIndex } from '../search/index.js';
import { PhraseIndex } from '../search/phrases.js';
import { contentTerms, termsByLength } from '../search/query.js';
import { loadVocabulary, type Vocabulary } from '../search/vocabulary.js';
import type { Citation } from './schema.js';

export interface ReportSummary {
  id: string;
  title: string;
  force: string;
  inspectorate: string;
  year: number;
  pillar: string;
}

/** One report with its facts and its own search index: a question about one force searches only its reports. */
export interface ReportEntry {
  report: Report;
  facts: Facts;
  search: SearchIndex;
}

/** Every passage, metric and term of all reports, by id, for lookups (searching goes through each report's index). */
export type CorpusIndex = Pick<SearchIndex, 'passages' | 'metrics' | 'terms' | 'passageTerms' | 'metricTerms' | 'metricContextTerms'>;

/** Everything the answerer needs, built once at start: reports, their facts, the indexes and the vocabulary. */
export interface Knowledge {
  reports: ReportSummary[];
  byId: Map<string, ReportEntry>;
  vocabulary: Vocabulary;
  search: CorpusIndex;
  /** the corpus's forces by the words people use for them ("Cleveland Police", "Cleveland") → report ids */
  forces: PhraseIndex<string[]>;
  /** the reports' terms and the intents' cue terms, by length, for typo correction */
  termsByLength: Map<number, string[]>;
  cueTerms: Set<string>;
}

/** Builds the knowledge from loaded reports and vocabulary (pure). */
export function buildKnowledge(reports: Report[], vocabulary: Vocabulary): Knowledge {
  const byId = new Map<string, ReportEntry>(
    reports.map((report) => {
      const facts = extractFacts(report);
      return [report.id, { report, facts, search: buildSearchIndex([{ report, facts }], vocabulary) }];
    }),
  );
  const search: CorpusIndex = { passages: new Map(), metrics: new Map(), terms: new Set(), passageTerms: new Map(), metricTerms: new Map(), metricContextTerms: new Map() };
  for (const { search: s } of byId.values()) {
    for (const [k, v] of s.passages) search.passages.set(k, v);
    for (const [k, v] of s.metrics) search.metrics.set(k, v);
    for (const t of s.terms) search.terms.add(t);
    for (const [k, v] of s.passageTerms) search.passageTerms.set(k, v);
    for (const [k, v] of s.metricTerms) search.metricTerms.set(k, v);
    for (const [k, v] of s.metricContextTerms) search.metricContextTerms.set(k, v);
  }
  const forceNames = new Map<string, string[]>();
  for (const r of reports) {
    const force = r.manifest.force;
    // "Cleveland Police" is also "Cleveland"
    for (const name of new Set([force, force.replace(/\s+(?:Police(?: Service)?|Constabulary)$/i, '')])) {
      const key = name.toLowerCase();
      forceNames.set(key, [...(forceNames.get(key) ?? []), r.id]);
    }
  }
  const cueTerms = new Set(vocabulary.intents.flatMap((i) => i.cues.flatMap((c) => contentTerms(c, vocabulary))));
  for (const a of vocabulary.areas) for (const alias of a.aliases) for (const t of contentTerms(alias, vocabulary)) cueTerms.add(t);
  return {
    reports: reports.map((r) => ({
      id: r.id,
      title: r.manifest.title,
      force: r.manifest.force,
      inspectorate: r.manifest.inspectorate,
      year: r.manifest.year,
      pillar: r.manifest.pillar,
    })),
    byId,
    vocabulary,
    search,
    forces: new PhraseIndex(forceNames),
    termsByLength: termsByLength(search.terms),
    cueTerms,
  };
}

/** Loads the corpus and intents folders and builds the knowledge; throws PeelError naming a bad file. */
export function loadKnowledge(opts: { corpusDir: string; intentsDir: string }): Knowledge {
  const vocabulary = loadVocabulary(opts.intentsDir);
  return buildKnowledge(loadCorpus(opts.corpusDir), vocabulary);
}

/** The cited block with its neighbours, section and page, for "Show source". */
export function sourceContext(
  kb: Knowledge,
  citation: Citation,
): { section: string; page: number; before: string | null; text: string; after: string | null } | null {
  const entry = kb.byId.get(citation.report);
  if (!entry) return null;
  const { report } = entry;
  if (citation.block?.startsWith('fn')) {
    const f = report.footnotes.find((x) => `fn${x.n}` === citation.block);
    return f ? { section: `Footnote ${f.n}`, page: f.page, before: null, text: f.text, after: null } : null;
  }
  const i = report.blocks.findIndex((b) => b.id === citation.block);
  if (i < 0) return null;
  const block = report.blocks[i]!;
  const neighbour = (j: number) => {
    const b = report.blocks[j];
    return b && b.section === block.section ? b.text : null;
  };
  return { section: citation.section, page: block.page, before: neighbour(i - 1), text: block.text, after: neighbour(i + 1) };
}
