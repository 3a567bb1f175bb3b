import { DEFAULT_REPORT_CACHE } from '../config.js';
import { listCorpus } from '../corpus/load.js';
import { pagesOf } from '../corpus/page-span.js';
import type { Manifest, Report } from '../corpus/schema.js';
import { extractFacts, type Facts, type Metric } from '../facts/index.js';
import { type Passage, type SearchIndex } from '../search/index.js';
import { PhraseIndex } from '../search/phrases.js';
import { contentTerms } from '../search/content.js';
import { loadVocabulary, type Vocabulary } from '../search/vocabulary.js';
import { buildEntry, Compiler, type ReportEntry } from './compiled.js';

export type { ReportEntry } from './compiled.js';

export interface ReportSummary {
  id: string;
  title: string;
  force: string;
  inspectorate: string;
  year: number;
  pillar: string;
}

/** How to load a report that is not in memory: its entry, or only its facts (for the digest). */
export interface LazyReport {
  id: string;
  entry: () => ReportEntry;
  facts: () => Facts;
}

/**
 * The reports' entries by id. Reports that were not given loaded are loaded (compiled, or parsed
 * and indexed) when first asked for, and only the most recently used are kept: start-up and memory
 * stay small however many reports the corpus holds. `keys()` lists every report; `values()` loads every report.
 */
export class ReportEntries extends Map<string, ReportEntry> {
  private readonly lazy = new Map<string, LazyReport>();
  /** every report's facts, kept once read: small, and all a digest needs */
  private readonly factsById = new Map<string, Facts>();
  /** every report's id, sorted: fixed once built, whatever is loaded */
  private readonly ids: string[];
  private readonly idSet: Set<string>;
  /** the entry used last, which stands last in the map */
  private newest: string | undefined;

  constructor(
    loaded: ReportEntry[],
    lazy: LazyReport[] = [],
    private readonly capacity = Infinity,
  ) {
    super();
    for (const e of loaded) {
      super.set(e.report.id, e);
      this.factsById.set(e.report.id, e.facts);
    }
    for (const l of lazy) this.lazy.set(l.id, l);
    this.idSet = new Set([...super.keys(), ...this.lazy.keys()]);
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
      // most recently used last (already so for the report asked about just before: a question reads its entry many times)
      if (id !== this.newest) {
        super.delete(id);
        super.set(id, cached);
        this.newest = id;
      }
      return cached;
    }
    const lazy = this.lazy.get(id);
    if (!lazy) return undefined;
    const entry = lazy.entry();
    this.factsById.set(id, entry.facts);
    super.set(id, entry);
    this.newest = id;
    while (super.size > this.capacity) {
      const oldest = super.keys().next().value as string;
      if (!this.lazy.has(oldest)) break;
      super.delete(oldest);
    }
    return entry;
  }

  /** A report's facts, without keeping its index (read once if not yet seen). */
  facts(id: string): Facts | undefined {
    const known = this.factsById.get(id);
    if (known) return known;
    const lazy = this.lazy.get(id);
    if (!lazy) return undefined;
    const facts = lazy.facts();
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

/** Heap a loaded report holds (its model, facts, indexes and term sets: 2.0 MB measured for the seed), with room to spare. */
const REPORT_HEAP_MB = 2.5;
/** Heap the app holds with no report loaded (the vocabulary, WordNet's indexes, Bolt, the answers' memos): 26 MB measured, with room to spare. */
const BASE_HEAP_MB = 48;

/**
 * A warning when `reportCache` loaded reports may not fit the heap node was given (the image's
 * --max-old-space-size): past the limit the process dies, so the operator is told at start.
 */
export function heapAdvice(reportCache: number, heapLimitMb: number): string | null {
  const needMb = Math.ceil(BASE_HEAP_MB + reportCache * REPORT_HEAP_MB);
  if (needMb <= heapLimitMb * 0.8) return null;
  return `REPORT_CACHE=${reportCache} keeps up to ${reportCache} reports loaded, about ${needMb} MB of heap, near or past node's limit of ${Math.round(heapLimitMb)} MB: give node --max-old-space-size=${Math.ceil(needMb / 0.8)} or keep fewer reports`;
}

export interface LoadOptions {
  corpusDir: string;
  intentsDir: string;
  /** where reports are compiled once (library/compiled.ts); null or absent: parsed and indexed in memory each time */
  compiledDir?: string | null;
  /** how many indexed reports are kept in memory (DEFAULT_REPORT_CACHE) */
  reportCache?: number;
  /** told once when the compiled folder cannot be written (the reports still load, parsed each time) */
  onWarn?: (message: string) => void;
}

/**
 * Loads the intents and lists the corpus (manifests validated, texts checked), then loads each
 * report when a question first needs it — its compiled entry when fresh, else parsed, indexed and
 * compiled; throws PeelError naming a bad file.
 */
export function loadKnowledge(opts: LoadOptions): Knowledge {
  const vocabulary = loadVocabulary(opts.intentsDir);
  const corpus = listCorpus(opts.corpusDir);
  const compiler = opts.compiledDir ? new Compiler(opts.compiledDir, vocabulary, opts.onWarn ?? (() => {})) : null;
  const lazy = corpus.map((c): LazyReport => ({
    id: c.manifest.id,
    entry: () => (compiler ? compiler.entry(c) : buildEntry(c.load(), vocabulary)),
    facts: () => (compiler ? compiler.facts(c) : extractFacts(c.load())),
  }));
  return assemble(
    corpus.map((c) => c.manifest),
    new ReportEntries([], lazy, opts.reportCache ?? DEFAULT_REPORT_CACHE),
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
  citation: { report: string; section: string; block?: string },
): { section: string; page: number; lastPage?: number; before: string | null; text: string; after: string | null } | null {
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
  // the paragraph is shown whole: at every page it stands on
  const { page, lastPage } = pagesOf(block);
  return { section: citation.section, page, ...(lastPage > page ? { lastPage } : {}), before: neighbour(i - 1), text: block.text, after: neighbour(i + 1) };
}
