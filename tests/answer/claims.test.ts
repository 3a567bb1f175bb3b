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

  it('corrects a wrong grade put as "am I correct that …" and cites both pages', () => {
    const a = answerQuestion(kb, 'am I correct that investigation was rated inadequate?');
    expect(a.text).toBe('No: not inadequate. Cleveland Police — investigating crime and managing offenders: Good.');
    expect(a.citations.map((c) => c.page)).toEqual([25, 3]);
  });
});

describe('the area a question names', () => {
  it('is read from a mistyped word the report’s word was mended from ("invesitgation")', () => {
    const a = answerQuestion(kb, 'what grade did invesitgation get?');
    expect(a.judgments?.map((j) => j.title)).toEqual(['How effective is the force at investigating crime and managing offenders?']);
  });

  it('is the overall question when "overall" comes with words of the overall question’s own title ("keeping people safe")', () => {
    const a = answerQuestion(kb, 'what overall rating did they get for keeping people safe?');
    expect(a.text).toBe('Cleveland Police — overall: Requires improvement.');
    expect(a.citations[0]).toMatchObject({ page: 1, quote: 'Overall, Cleveland Police requires improvement in the way it keeps people safe and reduces crime.' });
  });

  it('is still prevention when "keeping people safe" comes without "overall"', () => {
    const a = answerQuestion(kb, 'what rating did they get for keeping people safe?');
    expect(a.judgments?.map((j) => j.question)).not.toContain('overall');
    expect(a.text).toContain('preventing crime and anti-social behaviour');
  });
});
