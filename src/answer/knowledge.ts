import { loadCorpus } from '../corpus/load.js';
import type { Report } from '../corpus/schema.js';
import { extractFacts, type Facts } from '../facts/index.js';
import { buildSearchIndex, type SearchIndex } from '../search/index.js';
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

/** Everything the answerer needs, built once at start: reports, their facts, the indexes and the vocabulary. */
export interface Knowledge {
  reports: ReportSummary[];
  byId: Map<string, { report: Report; facts: Facts }>;
  vocabulary: Vocabulary;
  search: SearchIndex;
  /** the reports' terms and the intents' cue terms, by length, for typo correction */
  termsByLength: Map<number, string[]>;
  cueTerms: Set<string>;
}

/** Builds the knowledge from loaded reports and vocabulary (pure). */
export function buildKnowledge(reports: Report[], vocabulary: Vocabulary): Knowledge {
  const byId = new Map(reports.map((report) => [report.id, { report, facts: extractFacts(report) }]));
  const search = buildSearchIndex([...byId.values()], vocabulary);
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
