import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { stripSlackMarkup } from '../../src/search/markup.js';
import { answerTypeOf } from '../../src/answer/types.js';
import { questionParts } from '../../src/answer/parts.js';

/** How a question is read before it is answered: its markup, its remarks, the kind of answer it wants (blind-fresh11's dev round). */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

describe('Slack’s emphasis marks stress the words inside them', () => {
  it('reads *bold*, _italic_ and ~struck~ words as the words', () => {
    expect(stripSlackMarkup('what does *requires improvement* mean')).toBe('what does requires improvement mean');
    expect(stripSlackMarkup('is _outstanding_ the top grade? (~good~)')).toBe('is outstanding the top grade? (good)');
  });

  it('finds where Annex A defines a grade put in emphasis', () => {
    const a = answerQuestion(kb, 'so what does *inadequate* mean, exactly?');
    expect(a.intent).toBe('passage');
    expect(a.citations[0]).toMatchObject({ page: 35 });
    expect(a.text).toBe('the effectiveness of the force is inadequate because it is considerably lower than is expected.');
  });
});

describe('a channel link and the posting said with it name where the question goes, not what it asks', () => {
  it('leaves out "posting in #…", "cross-posting from #…" and "cc #…"', () => {
    expect(stripSlackMarkup('any word on MAPPA? posting in <#C0456|probation-team>').trim()).toBe('any word on MAPPA?');
    expect(stripSlackMarkup('(cross-posting from <#C0789>) who runs the ICMT? cc <#C0001|leads>').replace(/\s+/g, ' ').trim()).toBe('( ) who runs the ICMT?');
  });

  it('answers the question as it is answered without the posting remark', () => {
    const alone = answerQuestion(kb, 'how are missing kids dealt with?');
    const posted = answerQuestion(kb, 'how are missing kids dealt with? posting this in <#C0456|school-leads>');
    expect(posted.text).toBe(alone.text);
    expect(posted.text).toMatch(/missing or absent children\.$/);
  });
});

describe('a clause of time or condition before the question says on what occasion; it asks nothing', () => {
  it('does not read "when someone rings 999, how …" as asking a time, nor as two questions', () => {
    const q = 'when a member of the public phones 101, what do the call takers check first?';
    expect(answerTypeOf(q)).toBe('any');
    expect(questionParts(q)).toEqual([q]);
    expect(answerTypeOf('if a victim reports online, do they get a call back?')).toBe('any');
  });

  it('still reads "when" with its auxiliary as asking a time, and splits the question after it', () => {
    expect(answerTypeOf('when was the ICMT set up, and what does it do?')).toBe('when');
    expect(questionParts('when was the ICMT set up, what does it do?')).toEqual(['when was the ICMT set up', 'what does it do?']);
  });
});

describe('"takeaways" is a summary only as "key/main/biggest takeaways" or "takeaways from …"; otherwise it is where food is sold', () => {
  it('answers teenagers hanging around a takeaway by the street warden patrols around fast food outlets', () => {
    const a = answerQuestion(kb, 'does the report mention teenagers hanging around outside the takeaway?');
    expect(a.intent).toBe('passage');
    expect(a.text).toBe('the use of street warden patrols to assist in reducing the large gathering of youths causing anti-social behaviour around fast food outlets;');
    expect(a.citations[0]!.page).toBe(16);
  });

  it('still gives the overview for the biggest takeaways', () => {
    expect(answerQuestion(kb, 'biggest takeaways for a councillor?').intent).toBe('overview');
  });
});

describe('told to do something, whoever tells, is what the force must improve', () => {
  it('reads "did anyone tell them to …" as asking the areas for improvement, and picks the one on its words', () => {
    const a = answerQuestion(kb, 'did anyone tell them to speed up phone examinations?');
    expect(a.intent).toBe('improvement');
    expect(a.improvements?.map((i) => i.text)).toEqual([
      'The force should improve its ability to retrieve digital evidence from mobile phones, computers and other electronic devices quickly enough to ensure that investigations are not delayed.',
    ]);
  });

  it('reads the passive, "were they told anything about …", the same way', () => {
    const a = answerQuestion(kb, 'were they told anything about allocating crimes quicker?');
    expect(a.intent).toBe('improvement');
    expect(a.citations[0]).toMatchObject({ page: 25, quote: expect.stringMatching(/^The force should ensure that all crimes are allocated promptly/) });
  });

  it('reads the inspectors wanting a thing to be so as a directive', () => {
    const a = answerQuestion(kb, 'so the inspectors want problem solving to be more structured?');
    expect(a.intent).toBe('improvement');
    expect(a.citations.some((c) => c.quote.startsWith('The force should adopt a structured and consistent problem-solving process'))).toBe(true);
  });
});

describe('a future inside the manner a present question asks about is not a prediction asked for', () => {
  it('reads "are victims told how their case will be handled?" as asking what is done', () => {
    expect(answerTypeOf('are victims told how their case will be handled?')).toBe('any');
    expect(answerTypeOf('does the report say when the new model will be brought in?')).toBe('future');
    expect(answerTypeOf('is the force going to get a MASH?')).toBe('future');
  });

  it('answers it from the victim contact contracts, where the bot had declined to predict', () => {
    const a = answerQuestion(kb, 'do officers sort out with victims how they will be kept informed?');
    expect(a.answered).toBe(true);
    expect(a.text).toBe('Officers keep victims informed during an investigation and the force uses victim contact contracts to establish how and when the victim would like to be contacted.');
    expect(a.citations[0]!.page).toBe(25);
  });
});

describe('an improvement asked of an area, about what none of the areas for improvement holds, is found in the findings', () => {
  it('answers "what should they improve on neighbourhood abstractions?" by the recommendation on abstractions', () => {
    const a = answerQuestion(kb, 'what should they improve on neighbourhood abstractions?');
    expect(a.intent).toBe('improvement');
    expect(a.text).toMatch(/^In HMIC’s crime inspection in 2014, we made a recommendation for the force to review the abstraction of neighbourhood officers/);
    expect(a.citations[0]!.page).toBe(13);
  });

  it('still lists the area’s areas for improvement when nothing else is named, or what the inspectors said', () => {
    for (const q of ['what should they improve on prevention?', 'what did the inspectors say they should improve on prevention?']) {
      const a = answerQuestion(kb, q);
      expect(a.improvements?.[0]?.text).toBe('The force should ensure that the prevention of crime and anti-social behaviour is a routine part of neighbourhood policing activity.');
    }
  });
});

describe('a passage on an earlier inspection is shown by its sentence that names the year asked', () => {
  it('leads with a sentence on the 2014 inspection, not another sentence of the same passage', () => {
    const a = answerQuestion(kb, 'what did the 2014 inspection say about neighbourhood officers getting moved to response duties');
    expect(a.text).toMatch(/^In HMIC’s crime inspection in 2014, /);
  });
});

describe('"nbhd" is neighbourhood', () => {
  it('answers why nbhd officers are moved to response from the neighbourhood officers’ own concern', () => {
    const a = answerQuestion(kb, 'why do nbhd officers keep getting moved to response?');
    expect(a.text).toBe('A number of neighbourhood officers expressed concern that they continue to be moved away from their own roles to backfill for response officers when demand is high.');
    expect(a.citations[0]!.page).toBe(13);
  });
});

describe('"from what" asks a value only where a value follows it, not a clause', () => {
  it('reads "recommendations about learning from what other forces do" as asking the areas for improvement', () => {
    expect(answerQuestion(kb, 'were there recommendations on learning from what other forces do?').intent).toBe('improvement');
  });

  it('still reads "from what to what" and "from what number" as asking figures', () => {
    expect(answerQuestion(kb, 'the IOM cohort was halved - from what to what?').intent).toBe('metric');
    expect(answerQuestion(kb, 'IOM numbers cut from what number?').intent).toBe('metric');
  });
});

describe('a yes/no question after a dash asks a second thing, unless it guesses at the first ("- is it …?")', () => {
  it('splits "… - is the THRIVE model used properly?" and answers it from p. 20', () => {
    const q = 'what goes wrong when people first call in - is the THRIVE model used properly?';
    expect(questionParts(q)).toEqual(['what goes wrong when people first call in', 'is the THRIVE model used properly?']);
    expect(answerQuestion(kb, q).citations.some((c) => c.page === 20 && c.quote.includes('this is not rigorously applied'))).toBe(true);
  });

  it('keeps a guess at the answer with its question', () => {
    const q = 'why arent NPT officers doing prevention work - is it abstractions?';
    expect(questionParts(q)).toEqual([q]);
  });
});
