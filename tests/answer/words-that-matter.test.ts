import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { rewrite } from '../../src/answer/scope.js';
import { contractionOf } from '../../src/search/spelling.js';

/** Which words of a question matter: each mechanism on the real report, with questions made up for it. */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

const read = (q: string) => rewrite(kb, [...kb.byId.values()], q);

describe('a contraction is the report’s word it keeps the letters of', () => {
  it('reads "nbhd", "mgmt" and "govt" as the report’s neighbourhood, management and government', () => {
    const wordsFrom = (i: string) => [...kb.byId.values()][0]!.search.wordsFrom(i);
    expect(contractionOf('nbhd', wordsFrom)).toBe('neighbourhood');
    expect(contractionOf('mgmt', wordsFrom)).toBe('management');
    expect(contractionOf('govt', wordsFrom)).toBe('government');
    // several of the report's words keep these letters: no guess
    expect(contractionOf('invs', wordsFrom)).toBeNull();
    expect(contractionOf('dept', wordsFrom)).toBeNull();
  });

  it('asks the evidence for the whole word instead of setting the contraction aside', () => {
    const q = read('are nbhd officers taken away from their own roles to cover for response?');
    expect(q.terms).toContain('neighbourhood');
    expect(q.dropped).not.toContain('nbhd');
    const a = answerQuestion(kb, 'are nbhd officers taken away from their own roles to cover for response?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]).toMatchObject({ page: 13, quote: expect.stringContaining('continue to be moved away from their own roles to backfill for response officers') });
  });
});
