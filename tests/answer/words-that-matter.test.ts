import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { rewrite } from '../../src/answer/scope.js';
import { stripSlackMarkup } from '../../src/search/markup.js';

/** Which words of a question matter: each mechanism on the real report, with questions made up for it. */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

const read = (q: string) => rewrite(kb, [...kb.byId.values()], q);

describe('"nbhd", the written short form of neighbourhood (intents/vocabulary.json)', () => {
  it('asks the evidence for the whole word instead of setting the contraction aside', () => {
    const q = read('are nbhd officers taken away from their own roles to cover for response?');
    expect(q.terms).toContain('neighbourhood');
    expect(q.dropped).not.toContain('nbhd');
    const a = answerQuestion(kb, 'are nbhd officers taken away from their own roles to cover for response?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]).toMatchObject({ page: 13, quote: expect.stringContaining('continue to be moved away from their own roles to backfill for response officers') });
  });
});

describe('an aside in general English never makes a question "not covered"', () => {
  it('reads a compound no dictionary lists whose parts are general English ("forty-odd") as general English', () => {
    expect(kb.vocabulary.english.kind('forty-odd')).toBe('general');
    expect(kb.vocabulary.english.kind('wishy-washy')).toBe('general');
    // a compound with a part that names a thing stays specific
    expect(kb.vocabulary.english.kind('quad-bikes')).toBe('specific');
  });

  it('answers a question whose one key word left names something specific ("ROCU"), its asides set aside', () => {
    const q = 'does the force get support from the ROCU? seems a bit daft with forty-odd gangs about';
    expect(read(q).unknown).toEqual([]);
    const a = answerQuestion(kb, q);
    expect(a.answered).toBe(true);
    expect(a.citations[0]).toMatchObject({ page: 32, quote: expect.stringContaining('too low a level to be picked up by ROCU individually') });
  });

  it('still declines when the one key word left is general English and the rest is found nowhere ("the troubled families programme")', () => {
    const a = answerQuestion(kb, 'what about the troubled families programme?');
    expect(a.answered).toBe(false);
    expect(a.text).toContain('does not mention “troubled families”');
  });
});

describe('a name typed inside the question says most what is asked', () => {
  it('reads THRIVE, typed in capitals after the first word, as a name', () => {
    expect([...read('is THRIVE used in the control room?').names]).toEqual(['thrive']);
    expect([...read('Burglary rate in the control room?').names]).toEqual([]);
  });

  it('takes a passage holding the name and not "control room" as covering "is THRIVE used in the control room?"', () => {
    const a = answerQuestion(kb, 'is THRIVE used in the control room?');
    expect(a.answered).toBe(true);
    expect(a.text).toBe('Call-takers within the force make the initial assessment of vulnerability using the THRIVE model.');
    expect(a.citations[0]!.page).toBe(20);
  });
});

describe('a rare word of the report says more of what is asked than a common one', () => {
  it('weighs each term by its IDF over the report’s passages', () => {
    const q = read('were many PNDs issued?');
    expect(q.idf!.get('pnds')!).toBeGreaterThan(q.idf!.get('issu')!);
  });

  it('takes the figure’s row holding the rare "PNDs" and not the common "issued" as covering "were many PNDs issued?"', () => {
    const a = answerQuestion(kb, 'were many PNDs issued?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.quote).toBe('Penalty Notices for Disorder 331 0.8 30,681 0.8');
  });

  it('puts the passage on missing children first for "how officers handle missing kids", over one on child abuse', () => {
    const a = answerQuestion(kb, 'what do they say must get better with how officers handle missing kids? sharing in <#C0999|child-protection>');
    expect(a.text).toBe('HMIC found that there are some key areas for improvement in the way in which Cleveland Police responds to missing and absent children.');
  });
});

describe('words set aside are absent from the report only when it never uses them', () => {
  it('does not count "on time", set aside as saying how, as a word the report lacks: the one on non-urgent calls answers', () => {
    const q = read('are they getting to non urgent calls on time? scared for vulnerable victims');
    expect(q.dropped).toContain('time');
    const a = answerQuestion(kb, 'are they getting to non urgent calls on time? scared for vulnerable victims');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('the force does not respond to all non-urgent incidents within the required timescale');
  });
});

describe('who put a question to the asker is how it came to be asked', () => {
  it('reads "residents keep asking" as who asked, not what: the decline names only the crime the report gives no figure for', () => {
    expect(read('robbery rate v england and wales? residents keep asking').optional.has('resid')).toBe(true);
    const a = answerQuestion(kb, 'robbery rate v england and wales? residents keep asking');
    expect(a.answered).toBe(false);
    expect(a.text).toMatch(/^The report gives no figure for “robbery”\./);
  });
});

describe('where a message is posted is not what it asks', () => {
  it('sets aside the verb of posting that leads to a channel link with the link ("cross-posting from <#C…|…>")', () => {
    expect(stripSlackMarkup('is anything said about repeat victims of ASB? cross-posting from <#C0ABC|asb-leads>').trim()).toBe('is anything said about repeat victims of ASB?');
    const a = answerQuestion(kb, 'is anything said about repeat victims of ASB? cross-posting from <#C0ABC|asb-leads>');
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/^While we found no evidence of prevention and enforcement plans for repeat victims/);
  });
});

describe('what is asked within an area picks among the areas for improvement, not the area’s own word', () => {
  it('does not take the area for improvement holding only "neighbourhood" for "any recs on nbhd abstractions?": the 2014 recommendation on abstractions answers', () => {
    const a = answerQuestion(kb, 'any recs on nbhd abstractions?');
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/^In HMIC’s crime inspection in 2014, we made a recommendation for the force to review the abstraction of neighbourhood officers/);
    expect(a.citations[0]!.page).toBe(13);
  });
});
