import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';

/** An abbreviation's meaning where a footnote or Annex A says what the thing is. */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});
const ask = (q: string) => answerQuestion(kb, q);

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
