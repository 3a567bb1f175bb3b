import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';

/** Mechanisms of the answerer, each on the real report, as people asked (blind-fresh7's dev round). */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

const quotes = (q: string) => answerQuestion(kb, q).citations.map((c) => c.quote);

describe('a grade is quoted from the sentence that states it of what was asked', () => {
  it('quotes "good at tackling serious and organised crime" for the SOC grade, then the summary’s opening statement', () => {
    const a = answerQuestion(kb, 'SOC question (serious & organised crime + national responsibilities) - what grade did that get?');
    expect(a.intent).toBe('judgment');
    expect(a.citations.slice(0, 2).map((c) => [c.page, c.quote])).toEqual([
      [34, 'The force is good at tackling serious and organised crime groups in its area.'],
      [34, 'Cleveland Police is good at identifying and understanding the threat and risk posed to its communities by serious and organised crime.'],
    ]);
  });

  it('keeps the one sentence where the opening statement already names the area best', () => {
    expect(quotes('How good is Cleveland Police at investigating crime?')[0]).toBe('Cleveland Police’s approach to investigating crime and managing offenders is generally good.');
  });
});

describe('a number asked for is a number of what was asked', () => {
  it('declines "how many" when the passage’s only number counts something else ("… team in one area")', () => {
    const a = answerQuestion(kb, 'how many POP co-ordinators does the force have?');
    expect(a.answered).toBe(false);
  });

  it('declines "how much money … cut" when the passage’s only number is a year', () => {
    expect(answerQuestion(kb, 'how much money have cleveland police had cut? it says something about cost reductions').answered).toBe(false);
  });

  it('still answers from a sentence whose number stands beside what is asked ("the national victim satisfaction rate of 83.8")', () => {
    const a = answerQuestion(kb, 'victim satisfaction - how many out of 100 were happy with the police? and hows that compare nationally');
    expect(a.answered).toBe(true);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('79.0 percent were satisfied');
  });
});

describe('the England and Wales figure asked for itself', () => {
  it('is declined when neither the figure nor its sentences give one', () => {
    const a = answerQuestion(kb, "what's the E&W average no. of OCGs per million pop? need it to compare with cleveland's 59");
    expect(a.answered).toBe(false);
    expect(a.text).toContain('no England and Wales figure');
  });

  it('is answered when a quoted sentence gives it', () => {
    const a = answerQuestion(kb, 'what % of our gangs are mainly drugs, vs the national figure?');
    expect(a.answered).toBe(true);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('64 percent');
  });
});

describe('"&" before a question word joins two questions', () => {
  it('answers "how many OCGs … & whats that per million pop?" with both figures', () => {
    const a = answerQuestion(kb, 'how many OCGs are they working on & whats that per million pop?');
    expect(a.text).toContain('33 organised crime groups');
    expect(a.text).toContain('59 per million population');
  });
});

describe('an improvement question that names a topic and no area', () => {
  it('is asked by "rec" and "needs fixing", and gets the area for improvement about its topic', () => {
    for (const q of ['was there a rec about how crimes get handed out to investigators?', 'any improvement point about which officers get allocated crimes?']) {
      const a = answerQuestion(kb, q);
      expect(a.intent).toBe('improvement');
      expect(a.improvements?.map((i) => i.text)).toEqual([expect.stringContaining('all crimes are allocated promptly to investigators')]);
    }
    expect(answerQuestion(kb, 'what did they say needs fixing on serious and organised crime? cheers').improvements?.[0]?.text).toContain('local profile');
  });

  it('lists every area for improvement when it names no topic', () => {
    expect(answerQuestion(kb, 'what are the areas for improvement?').improvements?.length).toBeGreaterThan(4);
  });
});

describe('the area graded best or worst', () => {
  it('answers "which area did they do best in?" with the areas graded highest and where the overview says so', () => {
    const a = answerQuestion(kb, 'which bit were they strongest on overall? need a positive for the cttee paper');
    expect(a.intent).toBe('judgment');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['good', 'good']);
    expect(a.citations.map((c) => c.quote)).toContain('The force works very well to tackle serious and organised crime.');
  });

  it('answers "weakest area" with the areas graded lowest', () => {
    expect(answerQuestion(kb, 'what was their weakest area?').judgments?.map((j) => j.grade)).toEqual(['requires improvement', 'requires improvement']);
  });

  it('leaves a figure asked for by its type to the figures', () => {
    expect(answerQuestion(kb, 'which crime type in the rates table is cleveland worst on compared with the national average?').intent).toBe('metric');
  });
});

describe('an overview weighs strengths against weaknesses in the report’s own sentence', () => {
  it('cites the summary’s first sentence that sets a weakness against a strength', () => {
    for (const q of ['main positive and main negative in a line each pls', 'gimme the tl;dr of the whole report in like 2 lines for the presenter :microphone:']) {
      const a = answerQuestion(kb, q);
      expect(a.intent).toBe('overview');
      expect(a.citations).toContainEqual(expect.objectContaining({ page: 1, quote: 'The force’s ability to prevent crime and anti-social behaviour is limited, but, when crimes occur, it investigates them well and provides support to victims.' }));
    }
  });
});

describe('who takes part, and what a term means', () => {
  it('reads "who\'s in …" and "who are they teamed up with …" as asking for the partners, not a post holder', () => {
    for (const q of ["who's in the Evolve collab thing?", 'who are cleveland teamed up with on that Evolve thing? north yorks and...?']) {
      const a = answerQuestion(kb, q);
      expect(a.answered).toBe(true);
      expect([a.text, ...a.citations.map((c) => c.quote)].join(' ')).toContain('North Yorkshire and Durham');
    }
  });

  it('reads "what exactly does \'requires improvement\' mean" as a definition, answered from Annex A', () => {
    const a = answerQuestion(kb, "what exactly does 'requires improvement' mean in HMIC's grading? want the definition word for word if poss");
    expect(a.intent).toBe('passage');
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('requires improvement, and/or there are some');
  });
});

describe('grade comparisons and where things go', () => {
  it('reads "better or worse than last yr overall" as a grade question, answered with the report saying no comparison is possible', () => {
    const a = answerQuestion(kb, 'did cleveland do better or worse than last yr overall?? want a year on year angle for the intro');
    expect(a.intent).toBe('judgment');
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('year-on-year comparison is not');
  });

  it('does not read "crimes going to the wrong ppl" as a question about the future', () => {
    expect(answerQuestion(kb, 'quick one - did they flag anything about crimes going to the wrong ppl / not being handed out fast enough?').text).not.toContain('what will happen');
  });
});

describe('a confirm tag is how a claim is put', () => {
  it('reads "… - legit?" like "… - right?": the figure the claim is about answers', () => {
    const a = answerQuestion(kb, 'caller says since 2010 crime in cleveland has dropped 13 per cent - legit?');
    expect(a.intent).toBe('metric');
    expect(a.citations[0]?.quote).toContain('When compared with the 12 months to 30 June 2010');
  });
});

describe('a reason asked, and a remark after the question', () => {
  it('answers "why has recorded crime gone up so much" with the report’s reason, not the figure', () => {
    const a = answerQuestion(kb, 'why has recorded crime gone up so much, is it just them recording it better? need a soundbite');
    expect(a.intent).toBe('passage');
    // (p. 16 gives it with "because": "Some of this increase is because of a renewed focus by the force on …")
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('quality and compliance of crime recording');
  });

  it('still gives the figure when a number is asked with the reason ("by how much and why")', () => {
    expect(answerQuestion(kb, 'by how much has recorded crime gone up and why?').intent).toBe('metric');
  });

  it('sets aside a short remark after the question ("need a soundbite", "callers always moan they never see em")', () => {
    const a = answerQuestion(kb, 'why are the neighbourhood bobbies not doing prevention stuff? callers always moan they never see em');
    expect(a.answered).toBe(true);
    expect(a.text).not.toContain('does not mention');
  });
});

describe('the row furthest from the England and Wales figure', () => {
  it('answers "furthest above", "biggest gap" and "worst compared with the national average" with the ASB rate', () => {
    for (const q of [
      'which type of crime/incident is cleveland furthest above the england & wales rate on? want the single most striking number',
      'which crime type in fig 2 has the biggest gap between cleveland and the national rate?',
      'which crime type in the rates table is cleveland worst on compared with the national average?',
    ]) {
      expect(answerQuestion(kb, q).metric).toMatchObject({ value: '76.4', comparator: { value: '32.9' } });
    }
  });

  it('does not answer "furthest below" with a row above it when every rate is above', () => {
    expect(answerQuestion(kb, 'which crime type is furthest below the national average?').metric?.value).not.toBe('1.8');
  });
});

describe('a name in brackets after a word the report does not use', () => {
  it('reads "the phone investigation desk (ICMT?)" as the ICMT: the share of crimes it deals with', () => {
    const a = answerQuestion(kb, 'the new phone investigation desk (ICMT?) - is it dealing with about half of all crimes now?');
    expect(a.answered).toBe(true);
    // ("about half" asks a number: the share the ICMT deals with)
    expect(a.citations[0]!.quote).toContain('approximately 40 percent of crimes through the ICMT');
  });
});

describe('a question left with nothing the reports use but cue words', () => {
  it('declines "anything on hate crime?" (the report never says "hate"), and still answers "cyber crime", which it names', () => {
    const a = answerQuestion(kb, 'does it say anything on hate crime?? we get loads of referrals for racist and homophobic abuse and id love to know how police are doing on it');
    expect(a.answered).toBe(false);
    expect(a.text).toContain('“hate”');
    expect(answerQuestion(kb, 'what about cyber crime?').text).toContain('cyber-crime');
  });

  it('still answers when the question names an area ("the neighbourhood policing shake up")', () => {
    expect(answerQuestion(kb, "when's the big neighbourhood policing shake up meant to be done by?").answered).toBe(true);
  });
});

describe('an adverb says how, not what', () => {
  it('does not require "properly" or "actually" of the evidence', () => {
    for (const q of ['are sex offenders round here being watched properly? :worried:', 'do they actually look for missing kids properly? asking bc of whats happened on our road']) {
      expect(answerQuestion(kb, q).answered).toBe(true);
    }
  });
});

describe('a quoted term is what a definition asks about', () => {
  it("defines 'requires improvement' whatever else the question says", () => {
    const a = answerQuestion(kb, "define 'requires improvement' - does that mean they're basically failing??");
    expect(a.answered).toBe(true);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('requires improvement, and/or there are some');
  });

  it("defines 'inadequate' in HMIC's grading", () => {
    expect(answerQuestion(kb, "what counts as 'inadequate' in HMIC's grading? <https://example.org|this> slide says something diff").citations.map((c) => c.quote).join(' ')).toContain('considerably lower');
  });
});

describe('fieldwork is the inspection', () => {
  it('answers "when was the fieldwork done?" with the inspection dates', () => {
    expect(answerQuestion(kb, 'when was the fieldwork done for this? dates pls').text).toBe('HMIC inspected forces on questions 1, 2 and 4 between September and November 2015.');
  });
});

describe('a rate per so many people, and when it is asked', () => {
  it('reads "per million ppl" and "per thousand ppl" as the reports’ "per … population"', () => {
    expect(answerQuestion(kb, 'ASB incidents per thousand ppl - are we worse than the national average?').metric).toMatchObject({ value: '76.4', comparator: { value: '32.9' } });
  });

  it('does not ask the figure to hold "at the time"', () => {
    const a = answerQuestion(kb, 'how many OCGs were they dealing with at the time? and whats that per million ppl');
    expect(a.text).toContain('33 organised crime groups');
    expect(a.text).toContain('59 per million population');
  });
});

describe('a figure whose sentence points back with "this …"', () => {
  it('cites the sentence "this resource reduction" points back to: resources halved', () => {
    const a = answerQuestion(kb, 'IOM - how many offenders are managed now vs before?');
    expect(a.metric).toMatchObject({ value: '140', earlier: { value: '280' } });
    expect(a.citations.map((c) => c.quote)).toContain('Resources within the department have been halved over the last twelve months.');
  });
});

describe('the grading scale asked in other words', () => {
  it('answers "the possible hmic grades, whats the scale" with the scale', () => {
    const a = answerQuestion(kb, 'hey what are the possible hmic grades, whats the scale');
    expect(a.text).toContain('Outstanding, good, requires improvement or inadequate');
  });
});

describe('a bare term after "what is" asks what it is', () => {
  it('answers "wth is khat lol" from the footnote that defines it', () => {
    for (const q of ["wth is khat lol it's in the outcomes table", "what is khat lol, it's in the outcomes table"]) {
      expect(answerQuestion(kb, q).text).toContain('A plant native to Africa and the Arabian Peninsula');
    }
  });

  it('leaves "what is the rate …" to the figures', () => {
    expect(answerQuestion(kb, 'what is the asb rate?').intent).toBe('metric');
  });
});
