import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutCommonTerms } from '../../src/search/index.js';
import { searchOr } from '../../src/search/scorer.js';
import { loadKnowledge, type Knowledge, type ReportEntry } from '../../src/library/knowledge.js';

/** The scorer must give what MiniSearch's own search gives: the same ids, scores and order, bit for bit. */
let kb: Knowledge;
let entry: ReportEntry;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
  entry = [...kb.byId.values()][0]!;
});

const questions = (JSON.parse(readFileSync('tests/fixtures/questions.json', 'utf8')) as { q: string }[]).map((x) => x.q);
const pairs = (rs: { id: unknown; score: number }[]) => rs.map((r) => [String(r.id), r.score]);

describe('searchOr', () => {
  it('scores and orders as MiniSearch does, with a document boost, a term filter, repeated words and none that match', () => {
    const boost = (id: string) => {
      const p = entry.search.passages.get(id);
      return !p || p.kind === 'source' ? 0.2 : p.kind === 'footnote' ? 0 : p.chapter.includes('investigat') ? 1.5 : 1;
    };
    for (const query of [...questions, 'crime crimes crime', 'zzqx', '']) {
      const common = withoutCommonTerms(entry.search, kb.vocabulary, query);
      expect(pairs(searchOr(entry.search.passageIndex, query, { ...common, boostDocument: boost }))).toEqual(pairs(entry.search.passageIndex.search(query, { ...common, boostDocument: boost })));
      expect(pairs(searchOr(entry.search.passageIndex, query))).toEqual(pairs(entry.search.passageIndex.search(query)));
      expect(pairs(searchOr(entry.search.metricIndex, query, { combineWith: 'OR' }))).toEqual(pairs(entry.search.metricIndex.search(query, { combineWith: 'OR' })));
    }
  });

  it('leaves an index laid out otherwise (another MiniSearch version) to MiniSearch itself', () => {
    const index = entry.search.passageIndex;
    const inside = index as unknown as { _index: unknown; search: unknown };
    const kept = inside._index;
    const expected = pairs(searchOr(index, 'burglary'));
    try {
      // internals it does not recognise are never read: MiniSearch's own search answers
      inside._index = { size: 0 };
      inside.search = () => [{ id: 'from MiniSearch', score: 1 }];
      expect(pairs(searchOr(index, 'burglary'))).toEqual([['from MiniSearch', 1]]);
    } finally {
      inside._index = kept;
      delete (index as unknown as { search?: unknown }).search;
    }
    expect(pairs(searchOr(index, 'burglary'))).toEqual(expected);
  });
});
