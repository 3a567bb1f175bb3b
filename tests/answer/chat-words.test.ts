import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { withoutRemarks } from '../../src/answer/parts.js';
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

describe('a piece that says only who asked is set aside', () => {
  it('drops "a reporter asked" and "my boss wants to know" after the question', () => {
    expect(withoutRemarks('why haven\'t any of our OCGs gone to the ROCU? a reporter asked')).toBe('why haven\'t any of our OCGs gone to the ROCU?');
    expect(withoutRemarks('what grade did they get for investigation? my boss wants to know')).toBe('what grade did they get for investigation?');
  });

  it('drops a piece that says how exact the answer need be ("ballpark fine"): the charge rate is answered', () => {
    expect(withoutRemarks('charge/summons rate for cleveland vs national? ballpark fine')).toBe('charge/summons rate for cleveland vs national?');
    const a = answerQuestion(kb, 'charge/summons rate for cleveland vs national? ballpark fine');
    expect(a.metric).toMatchObject({ value: '22.0', comparator: { value: '16.0' } });
  });

  it('answers the ROCU question from p. 32, where the report says why no OCG was referred', () => {
    const a = answerQuestion(kb, 'why haven\'t any of our OCGs gone to the ROCU? a reporter asked');
    expect(a.answered).toBe(true);
    expect(a.citations[0]).toMatchObject({ page: 32, quote: expect.stringContaining('assessed at too low a level to be picked up by ROCU') });
  });
});

describe('policing abbreviations the report spells out in words, and "X-style"', () => {
  it('reads "ARMS-style reassessments" as the active risk management system: p. 24 says how far it has got', () => {
    const a = answerQuestion(kb, 'how far have they got with the ARMS-style reassessments of RSOs?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]).toMatchObject({ page: 24, quote: expect.stringContaining('To date it has reassessed a third of offenders') });
  });

  it('reads NPT as the neighbourhood policing team: abstraction of neighbourhood officers is found on p. 13', () => {
    const a = answerQuestion(kb, 'why arent NPT officers doing prevention work - is it abstractions?');
    expect(a.answered).toBe(true);
    expect(a.citations.map((c) => c.page)).toContain(13);
  });
});

describe('question words as chat spells them decide the kind of answer', () => {
  it('reads "wat does … mean" as a definition: Annex A’s meaning of requires improvement', () => {
    const a = answerQuestion(kb, "sorry if dumb q but wat does 'requires improvement' actually mean in hmic speak?");
    expect(a.text).toBe('the effectiveness of the force requires improvement, and/or there are some weaknesses; or');
    expect(a.citations[0]!.page).toBe(35);
  });

  it('reads "y cant" as why: a reason is sought among the passages on abstractions (p. 13)', () => {
    const a = answerQuestion(kb, 'y cant the neighbourhood officers do much prevention work');
    expect(a.citations[0]!.page).toBe(13);
  });
});

describe('who is in a scheme asks for its members, not a post’s holder', () => {
  it('answers "who’s actually in the IOM scheme … which other agencies" from p. 23’s partner organisations', () => {
    const a = answerQuestion(kb, "who's actually in the IOM scheme up there? which other agencies");
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.page).toBe(23);
    expect(a.text).toContain('partner organisations');
  });
});

describe('a number claimed as a rise or a fall is checked against a figure that tells of a change', () => {
  it('answers "crime went up 40%?" with no, the 14 percent rise, not yes to "40 percent of crimes" dealt with by the ICMT', () => {
    const a = answerQuestion(kb, 'The Echo reckons crime in Cleveland went up 40% last year, is that what the report says?');
    expect(a.text.startsWith('Yes')).toBe(false);
    expect(a.text).toMatch(/^No: the report gives a different figure\. 14 percent/);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('increased by 14 percent');
  });
});

describe('a size asked for is a number', () => {
  it('answers "what’s the size of the IOM offender cohort now?" with 140 managed offenders, down from 280', () => {
    const a = answerQuestion(kb, "hi, what's the size of the IOM offender cohort now?");
    expect(a.intent).toBe('metric');
    expect(a.metric).toMatchObject({ value: '140', earlier: { value: '280' } });
  });
});

describe('"from what to what" asks for a figure with its earlier value', () => {
  it('answers the IOM cut with 280 down to 140, not the 48 percent fall in offending', () => {
    const a = answerQuestion(kb, "hi, what's the IOM cohort size now? heard it got cut - from what to what roughly?");
    expect(a.metric).toMatchObject({ value: '140', earlier: { value: '280' } });
    expect(a.citations[0]!.quote).toContain('from 280 down to 140');
  });
});

describe('an improvement asked about that no listed area for improvement holds is looked for in the findings', () => {
  it('answers the SOU caseloads from p. 24’s "higher than recommended caseload", not the whole list', () => {
    const a = answerQuestion(kb, "which bit of the report says SOU staff caseloads are over what's recommended? cheers");
    expect(a.text).toBe('Staff within the unit are carrying a higher than recommended caseload.');
    expect(a.citations[0]!.page).toBe(24);
  });

  it('reads "flagged" as identified: the RSO workload is found called an area for improvement on p. 24', () => {
    const a = answerQuestion(kb, 'was the RSO workload actually flagged as an area for improvement or just mentioned?');
    expect(a.text).toBe('However, the volume of registered sex offenders being managed by a small team is an area for improvement.');
    expect(a.citations[0]!.page).toBe(24);
  });
});

describe('"whos" asks who holds a post as "who\'s" does', () => {
  it('declines "whos the chief constable" rather than quote a sentence about interviewing chief constables', () => {
    const a = answerQuestion(kb, 'whos the chief constable of cleveland? need a name for my essay');
    expect(a.answered).toBe(false);
    expect(a.text).toContain('does not say who holds the post');
  });
});

describe('a list in brackets gives examples, any one of which answers', () => {
  it('answers "offender mgmt (IOM, MAPPA, RSOs)" from the MAPPA and IOM findings instead of declining for want of all three in one passage', () => {
    const a = answerQuestion(kb, 'what did HMIC find on offender mgmt (IOM, MAPPA, RSOs)?');
    expect(a.answered).toBe(true);
    expect(a.citations.map((c) => c.page)).toEqual([24, 23, 23]);
  });
});

describe('a why question is answered first by a passage that gives a cause in so many words', () => {
  it('answers why neighbourhood officers do little prevention with p. 13’s abstractions to backfill for response officers', () => {
    const a = answerQuestion(kb, "why aren't neighbourhood officers doing more prevention according to HMIC?");
    expect(a.citations[0]!.page).toBe(13);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('moved away from their own roles to backfill for response officers');
  });
});

describe('a prediction of a figure coming down is declined as the report makes none', () => {
  it('declines "does HMIC predict ASB will come down once the review is in"', () => {
    const a = answerQuestion(kb, 'does HMIC predict ASB will come down once the neighbourhood review is in by April 2016?');
    expect(a.answered).toBe(false);
    expect(a.text).toContain('it makes no predictions');
  });
});

describe('another force’s grade is declined whatever the intent read', () => {
  it('declines "how did Durham do … they got good, right?" and still answers what the report says of Durham in Evolve', () => {
    const a = answerQuestion(kb, 'how did Durham do in their effectiveness report - they got good, right? want to compare');
    expect(a.answered).toBe(false);
    expect(a.text).toContain('they do not grade or measure Durham');
    expect(answerQuestion(kb, 'who is in the Evolve collaboration with Durham?').answered).toBe(true);
  });
});
