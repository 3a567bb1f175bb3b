import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/answer/knowledge.js';
import { answerTypeOf } from '../../src/answer/types.js';

/** How people really ask (issue 10, third round): each mechanism on the real report. */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});
const ask = (q: string) => answerQuestion(kb, q);
const quotes = (q: string) => ask(q).citations.map((c) => c.quote).join('\n');

describe('overview questions', () => {
  it('reads the short version of the report as an overview, whatever number it puts on it', () => {
    for (const q of ['can u give me the 30 second version of this report', 'whats the quick version', 'give me the rundown on this report']) {
      const a = ask(q);
      expect(a.intent, q).toBe('overview');
      expect(a.answered).toBe(true);
    }
  });

  it('reads the questions the inspection looked at as an overview, citing the sentence that introduces them', () => {
    const a = ask('which questions did the inspection look at?');
    expect(a.intent).toBe('overview');
    expect(a.citations).toContainEqual(expect.objectContaining({ page: 8, quote: expect.stringContaining('four in-depth questions') }));
  });

  it('cites the overall paragraph whole when every grade is listed: the report’s own summary of them', () => {
    const a = ask('what grades did they get');
    expect(a.intent).toBe('judgment');
    expect(a.judgments).toHaveLength(5);
    expect(a.citations[0]).toMatchObject({ page: 1, quote: expect.stringContaining('The force investigates crime and manages offenders effectively') });
  });

  it('keeps the one sentence stating a single grade', () => {
    const a = ask('what was the overall grade?');
    expect(a.citations[0]?.quote).toBe('Overall, Cleveland Police requires improvement in the way it keeps people safe and reduces crime.');
  });
});

describe('answer types', () => {
  it('reads "when" as asking for a time only where it opens a clause or an auxiliary follows it', () => {
    expect(answerTypeOf('when was the icmt set up')).toBe('when');
    expect(answerTypeOf('the icmt - when did it start?')).toBe('when');
    expect(answerTypeOf('and roughly when was it brought in')).toBe('when');
    expect(answerTypeOf("what's thrive when it's at home?")).toBe('any');
    expect(answerTypeOf('what happens when someone first rings up')).toBe('any');
    expect(answerTypeOf('can officers get forensic support when they need it')).toBe('any');
  });

  it('answers "what is X when it’s at home" with what the report says of X', () => {
    const a = ask("what's THRIVE when it's at home?");
    expect(a.answered).toBe(true);
    expect(a.text).toBe('Call-takers within the force make the initial assessment of vulnerability using the THRIVE model.');
    expect(a.citations[0]?.page).toBe(20);
  });
});
