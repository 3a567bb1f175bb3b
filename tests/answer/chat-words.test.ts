import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';

/** Mechanisms of the answerer, each on the real report, as people type in chat (blind-fresh8's dev round). */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

describe('chat spellings of common words are the words they stand for', () => {
  it('reads "wats" as "what is": the ASB rate is answered, not declined for a word the report lacks', () => {
    const a = answerQuestion(kb, 'wats the rate of ASB per 1,000 ppl?');
    expect(a.answered).toBe(true);
    expect(a.metric).toMatchObject({ value: '76.4', unit: 'per 1,000 population' });
  });

  it('reads "journo" and "wat" as a journalist asking what: Operation Impact is found on p. 14', () => {
    const a = answerQuestion(kb, 'journo asked wat Operation Impact is');
    expect(a.answered).toBe(true);
    expect(a.citations[0]).toMatchObject({ page: 14, quote: expect.stringContaining('Operation Impact') });
  });
});
