import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';

/** A year the report speaks of (an earlier inspection it reports on), and an abbreviation's meaning where a footnote says it. */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});
const ask = (q: string) => answerQuestion(kb, q);
const DECLINED = 'None of the reports here is of the year asked about.';

describe('a grade, overview or improvement asked of an inspection the report speaks of', () => {
  it('answers from the sentence on that inspection in the area asked, not from a date in another passage', () => {
    for (const q of ['was their investigation work rated good back in the 2014 crime inspection?', 'did the 2014 inspection judge their investigative work good as well, or is that recent?', 'give me an overview of what the 2014 inspection found on investigating crime']) {
      const a = ask(q);
      expect(a.answered, q).toBe(true);
      expect(a.judgments, q).toBeUndefined();
      expect(a.text, q).toBe('In HMIC’s crime inspection in 2014, Cleveland Police’s approach to the investigation of crime was assessed as good.');
      expect(a.citations[0], q).toMatchObject({ page: 21 });
    }
  });

  it('declines when no passage in the area asked names that inspection, or the question names no topic', () => {
    for (const q of ['in the 2014 inspection how were they rated on serious and organised crime?', 'what overall rating did they get in the 2014 inspection?', 'how were they graded in 2016?', 'what was their effectiveness grade in 2013?']) {
      const a = ask(q);
      expect(a.answered, q).toBe(false);
      expect(a.text, q).toContain(DECLINED);
    }
  });
});

describe('an abbreviation whose meaning is asked, where a footnote says what it is', () => {
  it('gives the expansion, then the footnote’s defining sentence as a cited quote', () => {
    const cases: [string, string, string, number][] = [
      ['SAR in the SOC chapter - what does that acronym mean?', 'SAR: suspicious activity reports.', 'A suspicious activity report (SAR) is a piece of information which alerts law enforcement', 19],
      ['what does the abbreviation IOM mean', 'IOM: integrated offender management.', 'Integrated offender management brings a multi-agency response to the crime and reoffending threats faced by local communities.', 9],
      ['meaning of the acronym MAPPA?', 'MAPPA: multi-agency public protection arrangements.', 'MAPPAs are in place to ensure the successful management of violent and sexual offenders.', 10],
    ];
    for (const [q, first, defined, footnote] of cases) {
      const a = ask(q);
      expect(a.answered, q).toBe(true);
      expect(a.text.split('\n')[0], q).toBe(first);
      expect(a.text, q).toContain(defined);
      expect(a.citations[1], q).toMatchObject({ section: `Footnote ${footnote}` });
      expect(a.citations[1]!.quote, q).toContain(defined);
    }
  });

  it('keeps the expansion alone when only the letters are asked, or no footnote defines it', () => {
    const letters = ask('SAR - what does it stand for?');
    expect(letters.text).toBe('SAR: suspicious activity reports.');
    expect(letters.citations).toHaveLength(1);
    // (footnote 16 names The Strategic Policing Requirement as a source; it says nothing of what it is)
    for (const [q, text] of [['what does the acronym SPR mean', 'SPR: Strategic Policing Requirement.'], ['what does the acronym OCG mean', 'OCG: organised crime groups.']]) {
      const a = ask(q!);
      expect(a.text, q).toBe(text);
      expect(a.citations, q).toHaveLength(1);
    }
  });
});
