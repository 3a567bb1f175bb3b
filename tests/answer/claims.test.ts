import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';

/** Grades and figures asked about, claimed or put as a premise: what is asked is what is answered (blind-fresh11's dev round). */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

const cited = (q: string) => answerQuestion(kb, q).citations.map((c) => [c.page, c.quote] as const);

describe('a grade is cited where the overview shows the grades together, too', () => {
  it('cites investigating’s grade from p3 as well as from its summary of findings (p25)', () => {
    const a = answerQuestion(kb, 'what grade did the force get for investigation?');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['good']);
    expect(cited('what grade did the force get for investigation?')).toEqual([
      [25, 'Cleveland Police’s approach to investigating crime and managing offenders is generally good.'],
      [3, 'Cleveland Police’s approach to investigating crime and managing offenders is generally good.'],
    ]);
  });
});
