import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { rewrite } from '../../src/answer/scope.js';

/** Mechanisms of the answerer, each on the real report, as people asked (blind-fresh10's dev round). */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

const cited = (q: string) => answerQuestion(kb, q).citations.map((c) => [c.page, c.quote.slice(0, 60)]);
const read = (q: string) => rewrite(kb, [...kb.byId.values()], q);

describe('a word the vocabulary stands in for by verbs alone is a doing, not what is asked about', () => {
  it('reads "set up" (→ established|introduced|implemented) as a verb and answers on the MASH, with the page on co-located working', () => {
    const q = 'do they have a MASH set up with partners yet or is that still not happening?';
    expect([...read(q).verbs]).toContain('set');
    expect(cited(q)).toEqual([
      [1, 'Our assessment of how Cleveland Police deals with vulnerable'],
      [26, 'Cleveland Police recognises the value in sharing information'],
    ]);
    expect(answerQuestion(kb, q).text).toContain('multi-agency safeguarding hub arrangement');
  });

  it('keeps "pulled off" (→ moved away|abstraction) as what is asked: the abstraction passages answer', () => {
    const q = 'was there a recommendation about neighbourhood bobbies being pulled off to cover response shifts?';
    expect([...read(q).verbs]).not.toContain('pull');
    expect(cited(q).map(([p]) => p)).toEqual([13, 13, 13]);
    expect(answerQuestion(kb, q).citations[2]!.quote).toContain('review the abstraction of neighbourhood officers');
  });
});
