import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';

/** How a summary of one part of the report is drawn from the report's own summary sentences (blind-fresh11's dev round). */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

describe('a summary of one part opens with the overall judgment’s sentence on it', () => {
  it('gives "works very well to tackle serious and organised crime" first, quoting that sentence alone', () => {
    const a = answerQuestion(kb, 'give me the short version of what they found on serious organised crime');
    expect(a.intent).toBe('overview');
    expect(a.text.split('\n').slice(0, 2)).toEqual([
      'Tackling serious and organised crime, including its arrangements for fulfilling its national policing responsibilities: Good.',
      'The force works very well to tackle serious and organised crime.',
    ]);
    expect(a.citations[0]).toMatchObject({ page: 1, quote: 'The force works very well to tackle serious and organised crime.' });
  });

  it('never quotes the overall grade’s own sentence for a part ("Overall, Cleveland Police requires improvement …")', () => {
    const a = answerQuestion(kb, 'quick summary of how they handle ASB overall?');
    expect(a.citations.some((c) => c.quote.startsWith('Overall, Cleveland Police requires improvement'))).toBe(false);
    expect(a.citations[0]).toMatchObject({ page: 1, quote: 'How it prevents crime and anti-social behaviour also requires improvement.' });
  });
});

describe('the summary paragraph that says most of a list of topics comes first, though no one sentence says them all', () => {
  it('cites p. 27 (missing children, child sexual exploitation, domestic abuse) for "DV, CSE and missing kids"', () => {
    const a = answerQuestion(kb, 'short version on vulnerable people please: DV, CSE and missing kids');
    const p27 = a.citations.find((c) => c.page === 27);
    expect(p27?.quote).toMatch(/^HMIC found that there are some key areas for improvement in the way in which Cleveland Police responds to missing and absent children\. The force has, however, made a good start/);
  });
});

describe('a grade asked of a topic within a graded area is the area’s grade with its summary sentences on the topic', () => {
  it('answers "how good are they at protecting domestic abuse victims?" with the grade and the domestic abuse sentences', () => {
    const a = answerQuestion(kb, 'how good are they at protecting domestic abuse victims?');
    expect(a.intent).toBe('judgment');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['requires improvement']);
    expect(a.text.split('\n')).toEqual([
      'Protecting from harm those who are vulnerable and supporting victims: Requires improvement.',
      'Our assessment of how Cleveland Police deals with vulnerable victims found some good work such as effective protection for domestic abuse victims.',
      'It responds well to victims of domestic abuse and has made good progress in improving these services since HMIC’s last inspection of domestic abuse in 2014.',
    ]);
  });

  it('still gives the grade and its reasons when the reasons are asked', () => {
    const a = answerQuestion(kb, 'what grade for the prevention strand and why?');
    expect(a.text).toBe('Cleveland Police — preventing crime and anti-social behaviour, and keeping people safe: Requires improvement.');
    expect(a.citations.length).toBeGreaterThan(3);
  });
});
