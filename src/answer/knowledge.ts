import { listCorpus } from '../corpus/load.js';
import type { Manifest, Report } from '../corpus/schema.js';
import { extractFacts, type Facts, type Metric } from '../facts/index.js';
import { buildSearchIndex, type Passage, type SearchIndex } from '../search/index.js';
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
  /** the report's terms by length, for typo correction */
  termsByLength: Map<number, string[]>;
}

/** Builds a report's entry: facts, search index and terms (pure). */
export function buildEntry(report: Report, vocabulary: Vocabulary): ReportEntry {
  const facts = extractFacts(report);
  const search = buildSearchIndex([{ report, facts }], vocabulary);
  return { report, facts, search, termsByLength: termsByLength(search.terms) };
}

/**
 * The reports' entries by id. Reports that were not given parsed are parsed and indexed when first
 * asked for, and only the most recently used are kept: start-up and memory stay small however many
 * reports the corpus holds. `keys()` lists every report; `values()` loads every report.
 */
export class ReportEntries extends Map<string, ReportEntry> {
  private readonly parsers = new Map<string, () => Report>();
  /** every report's facts, kept once extracted: small, and all a digest needs */
  private readonly factsById = new Map<string, Facts>();
  /** every report's id, sorted: fixed once built, whatever is loaded */
  private readonly ids: string[];
  private readonly idSet: Set<string>;

  constructor(
    loaded: ReportEntry[],
    lazy: { id: string; parse: () => Report }[] = [],
    private readonly build: (report: Report) => ReportEntry = () => {
      throw new Error('ReportEntries: no way to build an entry');
    },
    private readonly capacity = Infinity,
  ) {
    super();
    for (const e of loaded) {
      super.set(e.report.id, e);
      this.factsById.set(e.report.id, e.facts);
    }
    for (const { id, parse } of lazy) this.parsers.set(id, parse);
    this.idSet = new Set([...super.keys(), ...this.parsers.keys()]);
    this.ids = [...this.idSet].sort();
  }

  override get size(): number {
    return this.ids.length;
  }

  override has(id: string): boolean {
    return this.idSet.has(id);
  }

  override get(id: string): ReportEntry | undefined {
    const cached = super.get(id);
    if (cached) {
      // most recently used last
      super.delete(id);
      super.set(id, cached);
      return cached;
    }
    const parse = this.parsers.get(id);
    if (!parse) return undefined;
    const entry = this.build(parse());
    this.factsById.set(id, entry.facts);
    super.set(id, entry);
    while (super.size > this.capacity) {
      const oldest = super.keys().next().value as string;
      if (!this.parsers.has(oldest)) break;
      super.delete(oldest);
    }
    return entry;
  }

  /** A report's facts, without indexing it (parsed once if not yet seen). */
  facts(id: string): Facts | undefined {
    const known = this.factsById.get(id);
    if (known) return known;
    const parse = this.parsers.get(id);
    if (!parse) return undefined;
    const facts = extractFacts(parse());
    this.factsById.set(id, facts);
    return facts;
  }

  override keys(): MapIterator<string> {
    return this.ids[Symbol.iterator]();
  }

  override values(): MapIterator<ReportEntry> {
    return this.ids.map((id) => this.get(id)!)[Symbol.iterator]();
  }

  override entries(): MapIterator<[string, ReportEntry]> {
    return this.ids.map((id): [string, ReportEntry] => [id, this.get(id)!])[Symbol.iterator]();
  }

  override [Symbol.iterator](): MapIterator<[string, ReportEntry]> {
    return this.entries();
  }
}

/** Everything the answerer needs: the reports' summaries and entries, the vocabulary and the forces' names. */
export interface Knowledge {
  reports: ReportSummary[];
  byId: Map<string, ReportEntry>;
  /** a report's facts without its index (for the digest), by id */
  facts: (id: string) => Facts | undefined;
  vocabulary: Vocabulary;
  /** the corpus's forces by the words people use for them ("Cleveland Police", "Cleveland") → report ids */
  forces: PhraseIndex<string[]>;
  /** the intents' cue words and the areas' aliases, known even where no report uses them */
  cueTerms: Set<string>;
  /** the intents' cue words alone ("how many", "rate", "grade"): what a question asks for, not about */
  intentCueTerms: Set<string>;
  /** the words of the corpus's force names: they choose the report, they are not what is asked */
  forceTerms: Set<string>;
  /** the same words as written, lower case ("cleveland", "police"): not a name a "who" answer gives */
  forceWords: Set<string>;
}

function summaryOf(m: Manifest): ReportSummary {
  return { id: m.id, title: m.title, force: m.force, inspectorate: m.inspectorate, year: m.year, pillar: m.pillar };
}

function assemble(manifests: Manifest[], byId: ReportEntries, vocabulary: Vocabulary): Knowledge {
  const forceNames = new Map<string, string[]>();
  for (const m of manifests) {
    // "Cleveland Police" is also "Cleveland"
    for (const name of new Set([m.force, m.force.replace(/\s+(?:Police(?: Service)?|Constabulary)$/i, '')])) {
      const key = name.toLowerCase();
      forceNames.set(key, [...(forceNames.get(key) ?? []), m.id]);
    }
  }
  const intentCueTerms = new Set(vocabulary.intents.flatMap((i) => i.cues.flatMap((c) => contentTerms(c, vocabulary))));
  const cueTerms = new Set(intentCueTerms);
  for (const a of vocabulary.areas) for (const alias of a.aliases) for (const t of contentTerms(alias, vocabulary)) cueTerms.add(t);
  const forceTerms = new Set([...forceNames.keys()].flatMap((name) => contentTerms(name, vocabulary)));
  const forceWords = new Set([...forceNames.keys()].flatMap((name) => name.split(/\s+/)));
  return { reports: manifests.map(summaryOf), byId, facts: (id) => byId.facts(id), vocabulary, forces: new PhraseIndex(forceNames), cueTerms, intentCueTerms, forceTerms, forceWords };
}

/** Builds the knowledge from parsed reports, all indexed now (pure). */
export function buildKnowledge(reports: Report[], vocabulary: Vocabulary): Knowledge {
  const byId = new ReportEntries(reports.map((r) => buildEntry(r, vocabulary)));
  return assemble(
    reports.map((r) => r.manifest),
    byId,
    vocabulary,
  );
}

/** How many parsed and indexed reports `loadKnowledge` keeps in memory at once: about 2.5 MB of heap each. */
export const DEFAULT_REPORT_CACHE = 16;

/**
 * Loads the intents and lists the corpus (manifests validated, texts checked), then parses and
 * indexes each report when a question first needs it; throws PeelError naming a bad file.
 */
export function loadKnowledge(opts: { corpusDir: string; intentsDir: string; reportCache?: number }): Knowledge {
  const vocabulary = loadVocabulary(opts.intentsDir);
  const corpus = listCorpus(opts.corpusDir);
  const byId = new ReportEntries(
    [],
    corpus.map((c) => ({ id: c.manifest.id, parse: c.load })),
    (report) => buildEntry(report, vocabulary),
    opts.reportCache ?? DEFAULT_REPORT_CACHE,
  );
  return assemble(
    corpus.map((c) => c.manifest),
    byId,
    vocabulary,
  );
}

/** Every passage and metric of every report, by id (loads every report: for benches and tests). */
export function corpusIndex(kb: Knowledge): Pick<SearchIndex, 'passages' | 'metrics' | 'terms'> {
  const out = { passages: new Map<string, Passage>(), metrics: new Map<string, Metric>(), terms: new Set<string>() };
  for (const { search } of kb.byId.values()) {
    for (const [k, v] of search.passages) out.passages.set(k, v);
    for (const [k, v] of search.metrics) out.metrics.set(k, v);
    for (const t of search.terms) out.terms.add(t);
  }
  return out;
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
