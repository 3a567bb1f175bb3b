import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { questionParts, withoutRemarks } from '../../src/answer/parts.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { answerTypeOf, definesTerm, isYesNo } from '../../src/answer/types.js';

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

describe('compound questions and remarks', () => {
  it('splits a question asked after a comma or a dash, when what stands before asks too', () => {
    expect(questionParts("What's the ICMT, when was it set up, and roughly what share of crimes does it handle now - a third? half?")).toEqual([
      "What's the ICMT",
      'when was it set up',
      'what share of crimes does it handle now - a third?',
    ]);
    // a frame before the dash is not a question of its own
    expect(questionParts('were asking - what does the force need to fix on investigations?')).toEqual(['were asking - what does the force need to fix on investigations?']);
    expect(questionParts('in 2015, how many burglaries were there')).toEqual(['in 2015, how many burglaries were there']);
  });

  it('answers each part of a three-part question, the later parts about the first part’s topic', () => {
    const a = ask("What's the ICMT, when was it set up, and roughly what share of crimes does it handle now - a third? half?");
    expect(a.text).toContain('incident and crime management team (ICMT)');
    expect(a.text).toContain('August 2015');
    expect(a.text).toContain('40 percent');
  });

  it('asks a question that follows a remark, and sets aside a remark that holds only an embedded question', () => {
    expect(questionParts("what's the ICMT? the phone-investigation team thing - when did it start")).toEqual(["what's the ICMT?", 'the phone-investigation team thing - when did it start']);
    expect(withoutRemarks('whats THRIVE? saw it mentioned and no idea what it is')).toBe('whats THRIVE?');
    const a = ask('whats THRIVE? saw it mentioned and no idea what it is');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('initial assessment of vulnerability using the THRIVE model');
  });
});

describe('another year than the report’s', () => {
  it('declines a figure asked for a year the report gives no figure for, though its paragraph compares with that year', () => {
    const a = ask('what was the victim satisfaction % back in 2011 exactly?');
    expect(a.answered).toBe(false);
    expect(a.text).toContain('in that year');
    expect(a.text).not.toMatch(/79\.0/);
  });

  it('still gives a change since a year when the figure’s sentence points back to the paragraph naming it', () => {
    const a = ask('victim based crime trend since 2010 vs england and wales');
    expect(a.answered).toBe(true);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('Over this same period');
  });

  it('answers a grade asked of an earlier inspection from the sentence that says what it found', () => {
    const a = ask('how did HMIC rate their investigation of crime back in the 2014 crime inspection?');
    expect(a.answered).toBe(true);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('was assessed as good');
    const b = ask('DA victims - are they any better than at the 2014 inspection?');
    expect(b.text).toContain('made good progress in improving these services since HMIC’s last inspection of domestic abuse in 2014');
  });

  it('declines a grade of a year no report is of when no sentence says what that inspection found', () => {
    expect(ask('what grade did cleveland get in the 2016 effectiveness report').answered).toBe(false);
  });
});

describe('words read as what they are', () => {
  it('reads "rate" after someone who grades as the verb of grading', () => {
    expect(ask('how did HMIC rate the force on investigating crime?').intent).toBe('judgment');
    expect(ask('did the ASB rate go up or down?').intent).toBe('metric');
  });
});

describe('premise correction', () => {
  it('answers a claim about a name the report never uses from what it says of the rest, saying first that it does not name it', () => {
    const a = ask('Evolve - is Northumbria in that collab with us?');
    expect(a.answered).toBe(true);
    expect(a.text).toBe('The report does not mention “Northumbria”. It says:\nEvolve is a three-force operational collaboration with North Yorkshire and Durham.');
  });

  it('still declines a claim that a named person holds a post', () => {
    expect(ask('is it true that Jane Smith is the chief constable?').answered).toBe(false);
  });

  it('reads a question set off by a dash as a yes/no question', () => {
    expect(isYesNo('evolve - is northumbria in that collab with us?')).toBe(true);
    expect(isYesNo('what is the evolve collaboration - which forces?')).toBe(false);
  });
});

describe('where', () => {
  it('asks for a place with "where was", "says where", "which town", not with "where does it say"', () => {
    expect(answerTypeOf('where was the comah exercise')).toBe('where');
    expect(answerTypeOf('which page says where the comah exercise was done?')).toBe('where');
    expect(answerTypeOf('where does the report say that about abstractions')).toBe('any');
  });

  it('answers where with the sentence that names the place, correcting a wrong one', () => {
    const a = ask('which page says where the COMAH exercise was done? think it was Redcar');
    expect(a.text).toBe('The report does not mention “Redcar”. It says:\nIt also takes this opportunity to engage the local residents, as was recently done during an exercise in Hartlepool.');
    expect(a.citations[0]?.page).toBe(33);
  });
});

describe('passages worded unlike the question', () => {
  it('finds a caseload for "overloaded", "informed" for "kept updated", a timescale for "in time", an assessment for "triage"', () => {
    expect(quotes('RSO team - are the sex offender officers overloaded?')).toContain('higher than recommended caseload');
    expect(quotes('does it say anything about victims being kept updated on their case?')).toContain('Officers keep victims informed during an investigation');
    expect(quotes('are police getting out to the non urgent calls in time?')).toContain('non-urgent incidents within the required timescale');
    expect(ask('How do the call handlers triage vulnerability at first contact - which model do they use?').text).toBe('Call-takers within the force make the initial assessment of vulnerability using the THRIVE model.');
  });
});

describe('a word’s place says what it is', () => {
  it('sets aside a verb after an auxiliary and its subject, and an adjective after a copula, that the report does not use', () => {
    const a = ask('missing kids - did the report flag that as something they need to get better at?');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('some key areas for improvement in the way in which Cleveland Police responds to missing and absent children');
    expect(ask('roughly how many ASB reports did they log over the year? ballpark is fine').metric?.value).toBe('42,844');
  });

  it('keeps a noun that is the subject of what follows ("has the force budget been cut")', () => {
    expect(ask("ballpark how much has the force's budget been cut by? £ figure pls").answered).toBe(false);
  });
});

describe('a grade claimed of the grades as a set', () => {
  it('checks it against every grade: no grade is inadequate', () => {
    const a = ask('Cllr from Hartlepool reckons HMIC rated them *inadequate* on one of the questions. is that right y/n?');
    expect(a.intent).toBe('judgment');
    expect(a.text.split('\n')[0]).toBe('No: none is graded inadequate.');
    expect(a.judgments).toHaveLength(5);
  });

  it('names the questions that were given a grade claimed', () => {
    const a = ask('is it true they were graded good on one of the questions?');
    expect(a.text.split('\n')[0]).toBe('Yes: investigating crime and managing offenders; tackling serious and organised crime, including its arrangements for fulfilling its national policing responsibilities.');
  });

  it('leaves a grade claimed of one topic to the passages on it', () => {
    expect(ask('my colleague reckons the way they handle missing kids was rated good... is that right??').intent).not.toBe('judgment');
  });
});

describe('figures asked as people ask for them', () => {
  it('reads a numbered reference ("(Q2)", "ch.3") as no quantity asked', () => {
    const a = ask("how was Cleveland graded on the 'investigating crime & managing offenders' strand (Q2)?");
    expect(a.intent).toBe('judgment');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['good']);
  });

  it('takes a year asked about as a constraint on which figure answers, and a month as when, not what', () => {
    const a = ask('how much did police recorded crime change in Cleveland between the yr to June 2010 and yr to June 2015, compared with all forces in E&W?');
    expect(a.intent).toBe('metric');
    expect(a.citations[0]?.quote).toContain('fell by 3 percent in Cleveland compared with a reduction of 13 percent');
  });

  it('sets aside a hyphenated describing word the report does not use ("longer-run"), keeps one it uses ("high-risk")', () => {
    const a = ask('Longer-run comparison: how much did police recorded crime change in Cleveland since 2010?');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('3 percent');
    expect(quotes('registered sex offenders — is cleveland managing more high-risk ones than similar forces?')).toContain('high risk');
  });

  it('reads a time window as the period a figure refers to', () => {
    const a = ask('victim satisfaction - can I get the exact % for Cleveland vs the national rate pls, and the 12 month window it refers to?');
    expect(a.metric).toMatchObject({ value: '79.0', period: '12 months to 31 March 2015' });
  });
});

describe('domain paraphrases', () => {
  it('finds what the report says of a MASH where it calls it co-located joint working', () => {
    const a = ask('does cleveland have a MASH yet?');
    expect(a.answered).toBe(true);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('co-located joint working arrangements has been disappointingly slow');
  });

  it('reads the IOM cohort as its managed offenders', () => {
    const a = ask('IOM - is it right they halved the cohort? from what number down to what?');
    expect(a.intent).toBe('metric');
    expect(a.citations[0]?.quote).toContain('from 280 down to 140');
  });

  it('reads strengths and weak spots as an overview', () => {
    expect(ask("what are cleveland's main strengths vs weak spots?").intent).toBe('overview');
  });
});

describe('a figure row and its sentence', () => {
  it('cites, after a figure’s row, the sentence that gives the same value in words', () => {
    const a = ask('what share of the gangs are mainly drugs?');
    expect(a.citations.map((c) => c.page)).toEqual(expect.arrayContaining([29, 30]));
    expect(a.citations[0]?.quote).toBe('Drug activity 85%');
    expect(a.citations.find((c) => c.page === 29)?.quote).toContain("'Drug activity' was the predominant crime type (85 percent)");
  });
});

describe('remarks with a reference in them', () => {
  it('sets aside a remark whose only number is a reference ("for ch.3"), and a prefix split from its word', () => {
    expect(withoutRemarks('how was it assessed? trying to build a comparison over time for ch.3')).toBe('how was it assessed?');
    const a = ask("In the 2014 crime inspection (the pre-PEEL one) how was Cleveland's approach to investigating crime asessed? trying to build a comparison over time for ch.3");
    expect(a.text).toBe('In HMIC’s crime inspection in 2014, Cleveland Police’s approach to the investigation of crime was assessed as good.');
  });
});

describe('being pulled off', () => {
  it('finds officers moved away to backfill for response when asked about being pulled off, "all the time" asking nothing', () => {
    const a = ask('does the report actualy say anything about my lot getting pulled off to backfill response all the time');
    expect(a.text).toBe('A number of neighbourhood officers expressed concern that they continue to be moved away from their own roles to backfill for response officers when demand is high.');
  });
});

describe('last time', () => {
  it('reads "since last time" as the report’s last inspection', () => {
    expect(quotes('how is cleveland doing on DA? any better since last time?')).toContain('made good progress');
  });
});

describe('definitions', () => {
  it('defines from the sentence that says what a grade means, not a bare list item nor a pointer to Annex A', () => {
    expect(ask('what does inadequate mean').text).toBe('the effectiveness of the force is inadequate because it is considerably lower than is expected.');
    expect(ask('what does requires improvement mean?').text).toBe('the effectiveness of the force requires improvement, and/or there are some weaknesses; or');
  });
});

describe('a later part that names only a doing', () => {
  it('counts what the first part names ("… and how many did they hand out")', () => {
    for (const q of ['what counts as a community resolution and how many did we hand out?', 'define community resolution pls - is it something they use for ASB? and how many did they hand out']) {
      const a = ask(q);
      expect(a.text, q).toContain('Community resolutions are an out-of-court disposal');
      expect(a.text, q).toContain('1,204');
    }
  });
});

describe('where the report defines', () => {
  it('takes a sentence that spells an abbreviation out as defining it, and "means that" as not defining', () => {
    expect(definesTerm('Cleveland Police has in place effective multi-agency public protection arrangements (MAPPAs) to monitor offenders.', 'paragraph', 'x')).toBe(true);
    expect(definesTerm('The way the force deals with calls for service means that there may be more calls.', 'paragraph', 'x')).toBe(false);
    expect(quotes('define MAPPA?')).toContain('multi-agency public protection arrangements (MAPPAs)');
  });

  it('leaves out of a definition the passages that merely use the term', () => {
    const a = ask("what does 'requires improvement' actually mean in HMIC terms?");
    expect(a.citations.map((c) => c.page)).toEqual([35, 1]);
  });
});

describe('verbs of saying', () => {
  it('does not count "mentioned", "heard" among the words the report lacks, and still declines what it lacks', () => {
    const a = ask('<@U02ABCD12> mentioned a uni did a study on why ASB is so high round here :books: who did it and what did it find?');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('Cleveland Police has undertaken an evaluation of anti-social behaviour with a local university.');
    expect(ask('does the report say anything about the troubled families programme?').answered).toBe(false);
  });
});

describe('a quantity asked by its name', () => {
  it('declines a headcount the report does not give rather than quoting a sentence about officers', () => {
    expect(ask("'Force in numbers' bit - what's our officer headcount / FTE?").answered).toBe(false);
  });
});

describe('several figures claimed at once', () => {
  it('shows each figure whose value the question gives, and says no yes or no to a cause', () => {
    const a = ask('is it correct that the IOM cohort was cut in half (280 -> 140) *because* offending fell by 48%?');
    expect(a.text).toBe('48 percent\n140 managed offenders; earlier: 280');
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('from 280 down to 140');
  });
});
