import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';

let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

describe('a word for one too common to ask about ("cops" for the police)', () => {
  it('asks no more than "the police" does: victims happy with how the cops treated them is the satisfaction figure', () => {
    const a = answerQuestion(kb, 'share of victims happy with how the cops treated them?');
    expect(a.answered).toBe(true);
    expect(a.metric).toMatchObject({ value: '79.0', unit: 'percent' });
    expect(a.citations[0]).toMatchObject({ page: 22 });
    expect(a.citations[0]!.quote).toContain('79.0 percent were satisfied with their whole experience with the police');
  });

  it('still asks for cops when cops are what is counted', () => {
    const a = answerQuestion(kb, 'how many cops work in cleveland?');
    expect(a.answered).toBe(false);
  });
});

describe('a cue asked in the plural ("fixes" where the cue is "fix")', () => {
  it('reads "fixes" as asking for the areas for improvement', () => {
    const a = answerQuestion(kb, 'what fixes does HMIC want on investigating crime?');
    expect(a.intent).toBe('improvement');
    expect(a.citations[0]).toMatchObject({ page: 25, quote: 'The force should ensure that all crimes are allocated promptly to investigators with the appropriate skills, accreditation and support to investigate them to a good standard.' });
  });

  it('leaves a verb of the same word alone: "fixed" asks what the report says', () => {
    const a = answerQuestion(kb, 'does the report say the force fixed its call handling?');
    expect(a.intent).toBe('passage');
  });
});

describe('a figure asked for a place within the force area', () => {
  it('declines a count asked for one town whose figure the report does not give, rather than a force-wide or other figure', () => {
    const a = answerQuestion(kb, 'roughly how many offences did the police record in Hartlepool in the year to June 2015?');
    expect(a.answered).toBe(false);
    expect(a.text).toContain('no figure for “hartlepool” on its own');
  });

  it('still answers the same kind of question with no place named, or for England and Wales', () => {
    const force = answerQuestion(kb, 'how many incidents of anti-social behaviour were recorded in the year to June 2015?');
    expect(force.metric).toMatchObject({ value: '42,844' });
    expect(force.citations[0]).toMatchObject({ page: 12 });
    const national = answerQuestion(kb, 'how much ASB was there in England and Wales?');
    expect(national.answered).toBe(true);
    expect(national.metric?.comparator).toMatchObject({ area: 'England and Wales', value: '32.9' });
  });
});

describe('the word a why-question grades its subject by ("why so slow")', () => {
  it('asks why, not about slowness: the reasons for the examinations backlog', () => {
    const a = answerQuestion(kb, 'why are computer examinations so slow?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]).toMatchObject({ page: 21 });
    expect(a.citations[0]!.quote).toContain('This is creating a backlog of examinations');
  });

  it('keeps the word when no reason is asked', () => {
    expect(answerQuestion(kb, 'are computer examinations slow?').answered).toBe(false);
  });
});

describe('a short figure question is answered by a figure whose own words hold it', () => {
  it('does not answer a question on charging with the rise in recorded crime its chapter heading shares a word with', () => {
    const a = answerQuestion(kb, 'does cleveland charge more people than the average force?');
    expect(a.text).not.toContain('14 percent');
    expect(a.citations[0]!.quote).toContain('Charged/Summonsed');
    expect(a.citations[0]!.quote).toContain('22.0');
  });
});
