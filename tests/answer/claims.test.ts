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

describe('the figure a question asks about', () => {
  it('holds the question’s words in its own sentence, not only in its chapter’s heading: "anti-social behaviour rise?" is ASB’s change, not recorded crime’s', () => {
    const a = answerQuestion(kb, 'did anti-social behaviour rise last year?');
    expect(a.text).toBe('No: the report says otherwise. 2 percent; England and Wales: 9 percent (12 months to 30 June 2015)');
    expect(a.citations[0]!.quote).toContain('This is 2 percent fewer incidents than the force recorded during the previous 12 months.');
  });

  it('is the change itself when a change is asked, not the count its sentence goes on from ("42,844 incidents. This is 2 percent fewer …")', () => {
    expect(answerQuestion(kb, 'has asb fallen since the year before?').metric).toMatchObject({ value: '2', unit: 'percent', comparator: { value: '9' } });
  });

  it('reads a change in the words English says it with ("climb", "jumped", "shrank") and its size in percent', () => {
    const a = answerQuestion(kb, 'how much did police recorded crime climb?');
    expect(a.metric).toMatchObject({ value: '14', unit: 'percent', comparator: { value: '4' } });
    expect(a.citations[0]!.quote).toMatch(/^When compared with the previous 12 month period, police recorded crime \(excluding fraud\) in Cleveland increased by 14 percent/);
  });

  it('checks a change claimed in those words: "jumped by 14%" yes, "the ASB figure soared by 2 percent" no', () => {
    expect(answerQuestion(kb, 'is it true police recorded crime jumped by 14%?').text).toMatch(/^Yes\. 14 percent/);
    expect(answerQuestion(kb, 'is it true anti-social behaviour incidents soared by 2 percent?').text).toMatch(/^No: the report says otherwise\. 2 percent/);
  });
});

describe('a message that asks two things', () => {
  it('sets aside who keeps asking ("the parish council keep asking"): why the question comes, not what it asks', () => {
    const a = answerQuestion(kb, 'whats the burglary rate vs england and wales? the parish council keep asking');
    expect(a.metric).toMatchObject({ value: '10.3', unit: 'per 1,000 households', comparator: { value: '8.4' } });
  });

  it('does not ask again for the England and Wales figure the first part’s figure already gives beside it', () => {
    expect(answerQuestion(kb, 'by how much did crime rise last year? and what about across England and Wales').text).toBe(
      '14 percent; England and Wales: 4 percent (year ending 30 June 2015)',
    );
  });

  it('says so when the first part’s figure has none, rather than searching for "nationally" alone', () => {
    expect(answerQuestion(kb, 'how many ASB incidents were logged? and what is it nationally?').text).toBe(
      '42,844 incidents of anti-social behaviour (12 months to 30 June 2015)\nThe report gives no England and Wales figure for that.',
    );
  });
});

describe('a count or a comparison asked of grades or figures', () => {
  it('lists every grade when the questions are counted by grade ("how many came out good?")', () => {
    const a = answerQuestion(kb, 'of the four areas, how many came out good?');
    expect(a.intent).toBe('judgment');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['requires improvement', 'requires improvement', 'good', 'requires improvement', 'good']);
  });

  it('gives the figure when a quantity is asked and set beside the national one ("better or worse than national?"), no grade named', () => {
    const a = answerQuestion(kb, 'what percentage of victims were satisfied? is that better or worse than national?');
    expect(a.metric).toMatchObject({ value: '79.0', comparator: { value: '83.8' } });
  });
});
