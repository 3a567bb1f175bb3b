import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import { breaksWithin, pageAt } from '../corpus/page-span.js';
import type { PageBreak, Report } from '../corpus/schema.js';
import { splitSentences } from '../corpus/text.js';
import type { Facts, Metric } from '../facts/index.js';
import { sectionPath } from '../facts/index.js';
import { expansionIn } from '../words/acronyms.js';
import { termOf, tokenize } from '../words/terms.js';
import { contentTerms } from './content.js';
import { RANKING } from './ranking.js';
import type { Vocabulary } from './vocabulary.js';

/** A searchable piece of a report: a paragraph (or part of a long one), a bullet, a caption, a table row, a footnote. */
export interface Passage {
  id: string;
  report: string;
  block: string;
  kind: string;
  /** the page the passage starts on */
  page: number;
  /** where it runs onto later pages (src/corpus/page-span.ts), absent when it stands on one */
  pageBreaks?: PageBreak[];
  /** "Question › Sub-question" */
  section: string;
  /** the main question's section id, when the passage stands under one */
  question: string | null;
  /** the first part of the section path, lower case: what an area named in a question is matched against */
  chapter: string;
  text: string;
}

const MAX_PASSAGE = RANKING.maxPassage;

/** The MiniSearch options for passages, defined once for building and loading (MiniSearch requires it). */
function passageIndexOptions(vocabulary: Vocabulary): Options<Passage> {
  return {
    idField: 'id',
    fields: ['text', 'section'],
    storeFields: [],
    // one way of reading words (src/words/terms.ts): the question's terms are the index's
    tokenize,
    processTerm: (word) => (word.length < 2 || vocabulary.stopwords.has(word) ? null : termOf(word)),
    searchOptions: {
      boost: { ...RANKING.passageBoost },
      prefix: false,
      fuzzy: false,
    },
  };
}

/** The MiniSearch options for metrics: their label weighs most, then the sentence or row. */
function metricIndexOptions(vocabulary: Vocabulary): Options<Metric & { section: string }> {
  const base = passageIndexOptions(vocabulary);
  return {
    idField: 'id',
    fields: ['label', 'quote', 'context', 'section'],
    storeFields: [],
    tokenize,
    processTerm: base.processTerm!,
    extractField: (doc, field) => (field === 'section' ? doc.citations[0]?.section ?? '' : String((doc as unknown as Record<string, unknown>)[field] ?? '')),
    searchOptions: { boost: { ...RANKING.metricBoost }, prefix: false, fuzzy: false },
  };
}

export interface SearchIndex {
  passages: Map<string, Passage>;
  metrics: Map<string, Metric>;
  passageIndex: MiniSearch<Passage>;
  metricIndex: MiniSearch<Metric>;
  /** every stemmed term the reports use, for telling a typo or an unknown word from a known one */
  terms: Set<string>;
  /** terms in over a third of the passages: they rank little and cost the most, so queries skip them */
  common: Set<string>;
  /** how many passages hold each term: what a word of a question says in this report (its IDF) */
  documentFrequency: Map<string, number>;
  /** a passage's sentences with their terms, read once when first asked for (the key-sentence picker reads them per question) */
  sentences: (passageId: string) => { text: string; terms: Set<string> }[];
  /** the report's words for an abbreviation it may never use ("MASH" → multi-agency safeguarding hub), or null */
  spellOut: (abbreviation: string) => string | null;
  /** each passage's and metric's terms (with its section), computed once for the evidence checks */
  passageTerms: Map<string, Set<string>>;
  metricTerms: Map<string, Set<string>>;
  /** each metric's paragraph terms: they may explain an acronym ("MAPPAs … 13 offenders in this way"), not stand for the number */
  metricContextTerms: Map<string, Set<string>>;
  /** a passage's or metric's terms with the words the report spells each abbreviation among them out with ("ICMT" → incident and crime management team) */
  spelt: (terms: Set<string>) => Set<string>;
}

/** Splits a report into passages with their section path and page. */
function reportPassages(report: Report): Passage[] {
  const out: Passage[] = [];
  const questionOf = new Map(report.sections.map((s) => [s.id, s.question]));
  const chapterOf = new Map(report.sections.map((s) => [s.id, (s.path[0] ?? s.title).toLowerCase()]));
  for (const block of report.blocks) {
    // (a grade's line is a fact; a statement of it stands again, whole, where it is searched)
    if (block.kind === 'grade' || block.kind === 'statement') continue;
    const section = sectionPath(report, block.section);
    const chunks = block.text.length > MAX_PASSAGE ? chunkSentences(block.text) : [block.text];
    let from = 0;
    chunks.forEach((text, i) => {
      // (each chunk is the block's own sentences joined as the block joins them, so it stands in it verbatim)
      const at = block.text.indexOf(text, from);
      if (at >= 0) from = at;
      const pageBreaks = breaksWithin(block.pageBreaks, from, from + text.length);
      out.push({
        id: `${report.id}:${block.id}${chunks.length > 1 ? `.${i + 1}` : ''}`,
        report: report.id,
        block: block.id,
        kind: block.kind,
        page: pageAt(block, from),
        ...(pageBreaks ? { pageBreaks } : {}),
        section,
        question: questionOf.get(block.section) ?? null,
        chapter: chapterOf.get(block.section) ?? section.toLowerCase(),
        text,
      });
    });
  }
  for (const f of report.footnotes) {
    out.push({ id: `${report.id}:fn${f.n}`, report: report.id, block: `fn${f.n}`, kind: 'footnote', page: f.page, section: `Footnote ${f.n}`, question: null, chapter: '', text: f.text });
  }
  return out;
}

function chunkSentences(text: string): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const sentence of splitSentences(text)) {
    if (current && current.length + sentence.length + 1 > MAX_PASSAGE / 1.5) {
      chunks.push(current);
      current = sentence;
    } else current = current ? `${current} ${sentence}` : sentence;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Builds the passage and metric indexes over all reports. */
export function buildSearchIndex(reports: { report: Report; facts: Facts }[], vocabulary: Vocabulary): SearchIndex {
  const passages = reports.flatMap(({ report }) => reportPassages(report));
  const metrics = reports.flatMap(({ facts }) => facts.metrics);
  const passageIndex = new MiniSearch<Passage>(passageIndexOptions(vocabulary));
  passageIndex.addAll(passages);
  const metricIndex = new MiniSearch<Metric>(metricIndexOptions(vocabulary) as Options<Metric>);
  metricIndex.addAll(metrics);
  const passageTerms = new Map(passages.map((p) => [p.id, new Set(contentTerms(`${p.section} ${p.text}`, vocabulary))]));
  const metricTerms = new Map(
    // a figure's comparator ("England and Wales") is part of what it says, though its row does not name it
    metrics.map((m) => [m.id, new Set(contentTerms(`${m.label} ${m.comparator?.area ?? ''} ${m.citations.map((c) => `${c.section} ${c.quote}`).join(' ')}`, vocabulary))]),
  );
  const metricContextTerms = new Map(metrics.map((m) => [m.id, new Set(contentTerms(m.context, vocabulary))]));
  return assemble({ passages, metrics, passageIndex, metricIndex, passageTerms, metricTerms, metricContextTerms }, vocabulary);
}

/** What a built index is made of; the rest (document frequencies, sentences, spellings) follows from it. */
interface IndexParts {
  passages: Passage[];
  metrics: Metric[];
  passageIndex: MiniSearch<Passage>;
  metricIndex: MiniSearch<Metric>;
  passageTerms: Map<string, Set<string>>;
  metricTerms: Map<string, Set<string>>;
  metricContextTerms: Map<string, Set<string>>;
}

function assemble(parts: IndexParts, vocabulary: Vocabulary): SearchIndex {
  const { passageTerms } = parts;
  const passages = new Map(parts.passages.map((p) => [p.id, p]));
  // the report's words, split and stemmed as a question's are (contentTerms), with how many passages hold each
  const documentFrequency = new Map<string, number>();
  for (const set of passageTerms.values()) for (const t of set) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
  const terms = new Set(documentFrequency.keys());
  const common = new Set([...documentFrequency].filter(([, n]) => n > passageTerms.size * RANKING.commonTermShare).map(([t]) => t));
  const sentenceMemo = new Map<string, { text: string; terms: Set<string> }[]>();
  const sentences = (id: string) => {
    let out = sentenceMemo.get(id);
    if (!out) {
      const text = passages.get(id)?.text ?? '';
      const split = splitSentences(text);
      out = (split.length ? split : [text]).map((s) => ({ text: s, terms: new Set(contentTerms(s, vocabulary)) }));
      sentenceMemo.set(id, out);
    }
    return out;
  };
  const spellOut = spellingOut(parts.passages.map((p) => p.text));
  return {
    passages,
    metrics: new Map(parts.metrics.map((m) => [m.id, m])),
    passageIndex: parts.passageIndex,
    metricIndex: parts.metricIndex,
    terms,
    common,
    documentFrequency,
    sentences,
    spellOut,
    spelt: speltOut(parts.passages, vocabulary),
    passageTerms,
    metricTerms: parts.metricTerms,
    metricContextTerms: parts.metricContextTerms,
  };
}

/** A built index as plain JSON: MiniSearch's own form of each index and each document's terms. */
export interface SearchIndexJson {
  passageIndex: AsPlainObject;
  metricIndex: AsPlainObject;
  passageTerms: [string, string[]][];
  metricTerms: [string, string[]][];
  metricContextTerms: [string, string[]][];
}

export function searchIndexToJson(index: SearchIndex): SearchIndexJson {
  const plain = (terms: Map<string, Set<string>>): [string, string[]][] => [...terms].map(([id, set]) => [id, [...set]]);
  return {
    passageIndex: index.passageIndex.toJSON(),
    metricIndex: index.metricIndex.toJSON(),
    passageTerms: plain(index.passageTerms),
    metricTerms: plain(index.metricTerms),
    metricContextTerms: plain(index.metricContextTerms),
  };
}

/**
 * The index of one report from its JSON (`searchIndexToJson`) with the report and facts it was
 * built from: MiniSearch.loadJS instead of indexing again. Throws when the JSON is not such an index.
 */
export function loadSearchIndex(json: SearchIndexJson, reports: { report: Report; facts: Facts }[], vocabulary: Vocabulary): SearchIndex {
  const sets = (pairs: [string, string[]][]) => new Map(pairs.map(([id, terms]) => [id, new Set(terms)]));
  const passages = reports.flatMap(({ report }) => reportPassages(report));
  const metrics = reports.flatMap(({ facts }) => facts.metrics);
  const parts: IndexParts = {
    passages,
    metrics,
    passageIndex: MiniSearch.loadJS(json.passageIndex, passageIndexOptions(vocabulary)),
    metricIndex: MiniSearch.loadJS(json.metricIndex, metricIndexOptions(vocabulary) as Options<Metric>),
    passageTerms: sets(json.passageTerms),
    metricTerms: sets(json.metricTerms),
    metricContextTerms: sets(json.metricContextTerms),
  };
  // the documents the index holds must be the ones the report gives now
  if (parts.passageIndex.documentCount !== passages.length || parts.passageTerms.size !== passages.length || passages.some((p) => !parts.passageTerms.has(p.id))) {
    throw new Error('passage index does not match the report');
  }
  if (parts.metricIndex.documentCount !== metrics.length || metrics.some((m) => !parts.metricTerms.has(m.id) || !parts.metricContextTerms.has(m.id))) {
    throw new Error('metric index does not match the facts');
  }
  return assemble(parts, vocabulary);
}

/** Search options that leave out a report's most common terms, unless the query has nothing else. */
export function withoutCommonTerms(index: SearchIndex, vocabulary: Vocabulary, query: string): { processTerm: (term: string) => string | null } | Record<string, never> {
  const base = passageIndexOptions(vocabulary).processTerm!;
  const process = (t: string) => {
    const p = base(t);
    return typeof p === 'string' ? p : null;
  };
  const rare = tokenize(query).some((w) => {
    const p = process(w);
    return p !== null && !index.common.has(p);
  });
  if (!rare) return {};
  return { processTerm: (t) => {
    const p = process(t);
    return p !== null && !index.common.has(p) ? p : null;
  } };
}

export type { SearchResult };

/**
 * A set of terms with the words the report spells each abbreviation among them out with: a sentence that names
 * a thing by its abbreviation ("40 percent of crimes through the ICMT", "referred to ROCU") speaks of it in
 * those words too ("the telephone investigation team", "the regional unit"). The report's abbreviations (those
 * it brings in, in brackets, spelt out by the words before them) are read once, when first asked for; each set
 * is spelt out once.
 */
function speltOut(passages: Passage[], vocabulary: Vocabulary): (terms: Set<string>) => Set<string> {
  let expansions: Map<string, string[]> | null = null;
  const memo = new WeakMap<Set<string>, Set<string>>();
  return (terms) => {
    if (!expansions) {
      expansions = new Map();
      // (each spelt out by the words just before its brackets, where the report brings it in: no search of the whole text)
      for (const p of passages) {
        for (const m of p.text.matchAll(/\(([A-Z][A-Z&]{1,8})s?\)/g)) {
          const term = termOf(m[1]!.toLowerCase());
          if (expansions.get(term)?.length) continue;
          const expansion = expansionIn(m[1]!, p.text.slice(Math.max(0, m.index - 120), m.index));
          expansions.set(term, expansion ? contentTerms(expansion, vocabulary) : []);
        }
      }
    }
    let out = memo.get(terms);
    if (!out) {
      const added = [...terms].flatMap((t) => expansions!.get(t) ?? []).filter((t) => !terms.has(t));
      out = added.length ? new Set([...terms, ...added]) : terms;
      memo.set(terms, out);
    }
    return out;
  };
}

/** Spells an abbreviation out from the texts: the expansion written most often, memoised. */
function spellingOut(texts: string[]): (abbreviation: string) => string | null {
  const memo = new Map<string, string | null>();
  return (abbreviation) => {
    const key = abbreviation.toUpperCase().replace(/S$/, '');
    if (memo.has(key)) return memo.get(key)!;
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const sentence of splitSentences(text)) {
        const found = expansionIn(key, sentence);
        if (found) counts.set(found.toLowerCase(), (counts.get(found.toLowerCase()) ?? 0) + 1);
      }
    }
    const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    if (memo.size > 1000) memo.clear();
    memo.set(key, best);
    return best;
  };
}
