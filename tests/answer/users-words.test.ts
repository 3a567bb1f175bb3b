import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { answerTypeOf } from '../../src/answer/types.js';

/** Mechanisms of the answerer, each on the real report, as people asked (blind-fresh9's dev round). */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

const cited = (q: string) => answerQuestion(kb, q).citations.map((c) => [c.page, c.quote.slice(0, 60)]);

describe('a summary asked of one part of the report is that part’s own summary', () => {
  it('sums up the SOC question by its grade, the overall judgment’s and the overview’s sentences on it and its whole summary of findings (named by its alias alone)', () => {
    const a = answerQuestion(kb, 'gist of the SOC section in one line?');
    expect(a.intent).toBe('overview');
    expect(a.text.split('\n')[0]).toBe('Tackling serious and organised crime, including its arrangements for fulfilling its national policing responsibilities: Good.');
    expect(cited('gist of the SOC section in one line?')).toEqual([
      [1, 'The force works very well to tackle serious and organised cr'],
      [2, 'The force has a good understanding of the threat and risk po'],
      [34, 'Cleveland Police is good at identifying and understanding th'],
      [34, 'The force is good at tackling serious and organised crime gr'],
      [34, 'Cleveland Police could enhance its ability to prevent seriou'],
      [34, 'This is the first year HMIC has graded forces on their effec'],
    ]);
  });

  it('takes the overview’s paragraph that weighs a weakness against a strength on a tie ("ASB … is limited, but …")', () => {
    const a = answerQuestion(kb, 'quick summary of how they handle ASB overall?');
    expect(a.answered).toBe(true);
    expect(a.citations[1]).toMatchObject({ page: 1, quote: expect.stringMatching(/^The force’s ability to prevent crime and anti-social behaviour is limited, but/) });
  });

  it('finds the findings paragraph on what is named within the area ("offender mgmt (IOM, MAPPA, RSOs)")', () => {
    const a = answerQuestion(kb, 'in a nutshell what did HMIC find on offender mgmt (IOM, MAPPA, RSOs)?');
    expect(a.text.split('\n')[0]).toBe('Investigating crime and managing offenders: Good.');
    expect(a.citations.some((c) => c.page === 25 && c.quote.startsWith('The force works well with partners to identify, monitor and manage repeat'))).toBe(true);
  });

  it('keeps the grade when a grade is asked in summary words ("what grade for prevention, in a nutshell?")', () => {
    const a = answerQuestion(kb, 'what grade for prevention, in a nutshell?');
    expect(a.intent).toBe('judgment');
    expect(a.text).toContain('Requires improvement');
  });

  it('reads "summarise" as asking for a summary, as "summary" is', () => {
    const a = answerQuestion(kb, 'can you summarise what they said about vulnerability?');
    expect(a.intent).toBe('overview');
    expect(a.citations[1]).toMatchObject({ page: 1, quote: expect.stringContaining('effective protection for domestic abuse victims') });
  });

  it('still gives the whole report’s overview when no part is named', () => {
    const a = answerQuestion(kb, 'gimme the 30 sec version of the whole report');
    expect(a.intent).toBe('overview');
    expect(a.judgments).toHaveLength(5);
  });
});

describe('what the force was told to do, in the asker’s words, is an area for improvement', () => {
  it('reads "did HMIC tell them to …" as a directive and picks the area for improvement that holds its words', () => {
    const a = answerQuestion(kb, 'did HMIC tell them to learn from other forces / use evidence of what works? yes/no');
    expect(a.intent).toBe('improvement');
    expect(a.improvements?.[0]).toMatchObject({ page: 17, text: expect.stringMatching(/^The force should use evidence of ‘what works’ drawn from other forces/) });
  });

  it('reads "what do they need to get better at" as an obligation: the area’s two areas for improvement', () => {
    const a = answerQuestion(kb, 'what do they need to get better at when it comes to investigating crimes?');
    expect(a.improvements?.map((i) => [i.page, i.text.slice(0, 50)])).toEqual([
      [25, 'The force should ensure that all crimes are alloca'],
      [25, 'The force should improve its ability to retrieve d'],
    ]);
  });

  it('reads "flagged for improvement" and picks the one on phones and computers', () => {
    const a = answerQuestion(kb, 'Anything flagged for improvement around phone/computer downloads?');
    expect(a.improvements).toHaveLength(1);
    expect(a.improvements![0]!.text).toMatch(/^The force should improve its ability to retrieve digital evidence from mobile phones, computers/);
  });

  it('reads "is supposed to" as an obligation and finds the directive’s verb before its object ("the inspectors ask the force to")', () => {
    expect(answerQuestion(kb, "what's the force supposed to do about digital evidence?").improvements?.map((i) => i.page)).toEqual([25]);
    const a = answerQuestion(kb, 'what did the inspectors ask the force to do about allocating crimes?');
    expect(a.intent).toBe('improvement');
    expect(a.improvements![0]!.text).toMatch(/^The force should ensure that all crimes are allocated promptly/);
  });

  it('does not read "how much does the force have to save" as an obligation: a sum the report does not give is declined', () => {
    expect(answerQuestion(kb, 'how much money does cleveland police have to save? ballpark budget figure pls').answered).toBe(false);
  });
});

describe('claims and trends put in the asker’s words', () => {
  it('checks "more than double the national rate" against the two figures, whoever keeps saying it', () => {
    const a = answerQuestion(kb, 'constituents keep saying ASB here is *more than double* the national rate - true?');
    expect(a.text).toMatch(/^Yes\. Anti-social behaviour incidents: 76\.4 per 1,000 population in Cleveland Police; England and Wales: 32\.9/);
    expect(a.citations[0]).toMatchObject({ page: 11, quote: 'Anti-social behaviour incidents* 76.4 32.9' });
  });

  it('says no to a multiple the figures do not bear out, with both values', () => {
    expect(answerQuestion(kb, 'is ASB three times the national rate?').text).toMatch(/^No: 76\.4 against 32\.9 is less than that\./);
  });

  it('reads "long-term" as describing the trend asked, not a term to find: the fall since 2010 and nationally', () => {
    const a = answerQuestion(kb, 'long-term crime trend since 2010 - how much has crime fallen in Cleveland vs nationally?');
    expect(a.text).toMatch(/^3 percent; England and Wales: 13 percent/);
    expect(a.citations[0]!.page).toBe(9);
    expect(a.citations[0]!.quote).toContain('fell by 3 percent in Cleveland');
  });
});

describe('general rules where one question’s words used to stand', () => {
  it('reads "what is <the force’s name> …" as about the force, not a term to define, by the knowledge base’s force words', () => {
    expect(answerTypeOf("what's cleveland like?", kb.forceWords)).toBe('any');
    expect(answerTypeOf('what is khat?', kb.forceWords)).toBe('definition');
  });

  it('reads "going to" as the future only when a verb follows (WordNet), not a place', () => {
    expect(answerTypeOf('are they going to tackle the backlog?')).toBe('future');
    expect(answerTypeOf('crimes going to the wrong ppl')).toBe('any');
    expect(answerTypeOf('is it going to court?')).toBe('any');
  });

  it('answers "halved the cohort? from what number down to what?" with the figure whose earlier value it halves', () => {
    const a = answerQuestion(kb, 'IOM - is it right they halved the cohort? from what number down to what?');
    expect(a.intent).toBe('metric');
    expect(a.citations[0]).toMatchObject({ page: 23, quote: expect.stringContaining('from 280 down to 140') });
  });

  it('takes a passage holding every number the question gives as covering it ("why did the IOM cohort get cut from 280 to 140?")', () => {
    const a = answerQuestion(kb, 'why did the IOM cohort get cut from 280 to 140?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]).toMatchObject({ page: 23, quote: expect.stringContaining('have been halved over the last twelve months') });
  });

  it('reads the report’s parts asked by number as its outline ("how many questions did HMIC look at")', () => {
    const a = answerQuestion(kb, 'what did the inspection actually cover - how many questions did HMIC look at?');
    expect(a.intent).toBe('overview');
    expect(a.citations.some((c) => c.page === 8 && c.quote.includes('four in-depth questions'))).toBe(true);
  });
});

describe('a lead-in carries its list when the answer type is asked', () => {
  it('answers the grading scale with the overview’s footnote naming it whole, then Annex A’s list, whose lead-in names no grade itself', () => {
    const a = answerQuestion(kb, 'what are the grades hmic can actually give? outstanding, good, ... whats the bottom one');
    expect(a.text).toBe('Outstanding, good, requires improvement or inadequate – see Annex A for definitions.');
    expect(a.citations.slice(0, 2).map((c) => [c.page, c.quote.slice(0, 28)])).toEqual([
      [1, 'Outstanding, good, requires '],
      [35, 'The judgment categories are:'],
    ]);
  });
});
