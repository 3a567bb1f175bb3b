import { beforeAll, describe, expect, it, vi } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { questionParts, withoutRemarks } from '../../src/answer/parts.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { answerTypeOf, claimedGrade, isYesNo } from '../../src/answer/types.js';
import { wordsOf } from '../../src/search/phrases.js';
import { searchOr } from '../../src/search/scorer.js';

// every search of an index goes through searchOr: counted, not changed
vi.mock('../../src/search/scorer.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/search/scorer.js')>();
  return { ...actual, searchOr: vi.fn(actual.searchOr) };
});

/** How people type: filler, Slack markup, two questions in one, claims to check, words the report does not use. */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});
const ask = (q: string) => answerQuestion(kb, q);
const quotes = (q: string) => ask(q).citations.map((c) => c.quote).join('\n');

describe('words the report does not use', () => {
  it('never declines for greetings, filler, hedges or verbs of asking', () => {
    const a = ask('hi :wave: any idea roughly how many OCGs cleveland reckons it has? cheers');
    expect(a.answered).toBe(true);
    expect(a.metric).toMatchObject({ value: '33' });
  });

  it('still declines a specific thing the report never mentions, naming it in the person’s words', () => {
    const a = ask('how many knife crimes were there');
    expect(a.answered).toBe(false);
    expect(a.text).toContain('“knife”');
    expect(ask('what is the police budget for next year?').text).toContain('“budget”');
  });

  it('reads Slack markup as no words: mentions, channel links, links and emoji codes', () => {
    const a = ask('<@U02ABCD12> <#C0123ABCD|policy-team> what grade for investigating crime? :police_car: <https://example.org|draft>');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['good']);
  });

  it('spells out an abbreviation typed in capitals from the report’s own words', () => {
    const a = ask('does cleveland have a MASH?');
    expect(a.answered).toBe(true);
    expect(quotes('does cleveland have a MASH?')).toContain('multi-agency safeguarding hub');
  });

  it('leaves aside a remark after the question, but not a claim or a second question', () => {
    // "our LAC go missing constantly …" says why the person asks: its "LAC" does not make the question unanswerable
    const a = ask('anything in there on missing/absent kids? our LAC go missing constantly and the return interviews are patchy');
    expect(a.answered).toBe(true);
    expect(a.question).toBe('anything in there on missing/absent kids? our LAC go missing constantly and the return interviews are patchy');
    expect(a.citations.find((c) => c.page === 27)?.quote).toContain('responds to missing and absent children');
    expect(withoutRemarks('what does it say about CSE? thats a massive one for us rn')).toBe('what does it say about CSE?');
    // a claim to check, a number, a second question and a short follow-on ("grade?") stay
    expect(withoutRemarks('did ASB go up or down? I heard it went up 2%')).toBeNull();
    expect(withoutRemarks('what % of crimes go through the ICMT? and when was it brought in?')).toBeNull();
    expect(withoutRemarks('how did we do on the gangs / OCG side of things? grade pls')).toBeNull();
  });

  it('reads a slip of the keyboard typed in lower case as the general word meant, not a thing the report lacks', () => {
    const a = ask('wht is THRIVE and does HMIC say call handlers are using it properly?');
    expect(a.answered).toBe(true);
    expect(a.citations.find((c) => c.page === 20)?.quote).toContain('THRIVE model. While we found that this is not rigorously applied');
    // a name typed with a capital is never taken for a slip: "Veale" is not "veal"
    expect(ask('what does Veale say about neighbourhood policing?').answered).toBe(false);
  });

  it('reads a word cut short as the report’s words it begins: "excl" is excluding', () => {
    const a = ask('yr on yr change in recorded crime (excl fraud) to June 15, us vs E&W?');
    expect(a.answered).toBe(true);
    expect(a.metric).toMatchObject({ value: '14', unit: 'percent' });
    expect(a.citations[0]?.page).toBe(9);
    expect(a.citations[0]?.quote).toContain('police recorded crime (excluding fraud) in Cleveland increased by 14 percent');
  });

  it('answers "why" from a sentence of causes: "may have contributed partially to the recent rise"', () => {
    const a = ask('does the report say why ASB is so high round here?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.page).toBe(13);
    expect(a.citations[0]?.quote).toContain('This analysis was commissioned through the local university in spring 2015.');
    expect(a.citations[0]?.quote).toContain('changes in ways of working may have contributed partially to the recent rise');
  });

  it('goes on about the first part’s topic when a later part has no words of its own, never offering help', () => {
    const a = ask('wasnt there some uni research on why ASB is so high in cleveland? whats it found so far');
    expect(a.text).not.toContain('Ask me about');
    expect(a.text).toContain('may have contributed partially to the recent rise');
    expect(a.citations.map((c) => c.page)).toContain(13);
  });

  it('finds a year asked about in the paragraph before, when the passage points back to it ("over this same period")', () => {
    const a = ask('victim-based crime since 2010 - roughly flat for us?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.page).toBe(9);
    expect(a.citations[0]?.quote).toContain('Over this same period, victim-based crime');
    expect(a.text).toContain('showed no change in Cleveland, compared with a reduction of 12 percent across England and Wales');
  });

  it('reads chat shorthand typed in lower case ("iirc", "rn") as general English, while a code in capitals stays a thing', () => {
    const a = ask('whats the crime rate per 1k people in Cleveland vs England & Wales? 78-odd iirc');
    expect(a.metric).toMatchObject({ value: '78.7', unit: 'per 1,000 population', comparator: { value: '63.0' } });
    expect(a.citations[0]).toMatchObject({ page: 11, quote: 'Recorded crime (excluding fraud) 78.7 63.0' });
    expect(ask('how many ANPR cameras does the force have?').answered).toBe(false);
  });

  it('reads a change of a grade ("did our overall grade go up or down") as a grade question, not a figure', () => {
    const a = ask('did our overall grade go up or down compared with last time?');
    expect(a.intent).toBe('judgment');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['requires improvement']);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('year-on-year comparison is not');
    // a quantity named is still a figure
    expect(ask('did the ASB rate go up or down?').intent).toBe('metric');
  });

  it('reads a later part that names no area as about the first part’s area', () => {
    const a = ask('how did they grade the OCG / organised crime bit? and is it better or worse than last yr?');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['good']);
    expect(a.citations.map((c) => c.page)).toContain(34);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('This is the first year HMIC has graded forces on their effectiveness at tackling serious and organised crime');
  });

  it('reads a phrase English writes as one describing word ("long term" → long-term) as how, not what is asked', () => {
    const a = ask('long term trend since 2010 - crime fell 3% here v 13% nationally, have i got that the right way round?');
    expect(a.metric).toMatchObject({ value: '3', unit: 'percent', comparator: { value: '13' } });
    expect(a.citations[0]?.page).toBe(9);
    expect(a.citations[0]?.quote).toContain('fell by 3 percent in Cleveland compared with a reduction of 13 percent');
  });

  it('reads words offered as alternatives ("the YJB or YOTs", "ROCU / NERSOU") as either one, not both', () => {
    const a = ask('does it mention the YJB or YOTs anywhere at all??');
    expect(a.answered).toBe(true);
    expect(a.text).toBe('Other agencies may become involved, for example the Youth Justice Board will be responsible for the care of young offenders.');
    expect(a.citations[0]?.page).toBe(24);
    // when the report uses neither, the question is still about something it lacks
    expect(ask('how many knife or gun crimes were there?').answered).toBe(false);
  });

  it('answers "how many" with a count of nought in words when no figure is given ("does not have any")', () => {
    const a = ask('how many OCGs have been referred to ROCU for support?');
    expect(a.answered).toBe(true);
    expect(a.text).toBe('The force does not have any OCGs that have been referred to ROCU for support as they are assessed at too low a level to be picked up by ROCU individually.');
    expect(a.citations[0]?.page).toBe(32);
  });

  it('cites where the overview states a good grade as doing the thing well ("works very well to tackle …")', () => {
    const a = ask('how did we do on the gangs / OCG side of things? grade pls');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['good']);
    expect(a.citations).toContainEqual(expect.objectContaining({ page: 1, quote: 'The force works very well to tackle serious and organised crime.' }));
  });

  it('reads a number the report never writes, with no unit, as a name ("the 999 / call handling side"), not a figure asked for', () => {
    expect(ask('what does the report say about the 999 / call handling side for vulnerable people').intent).toBe('passage');
    // a number the report writes is a figure the person has in mind
    const a = ask('was it 33 OCGs?');
    expect(a.text).toBe('Yes. 33 organised crime groups (OCGs) (as at 30 June 2015)');
    expect(a.citations[0]?.page).toBe(28);
  });

  it('gives, in an overview, the sentence that introduces the inspection’s numbered questions', () => {
    const a = ask('what were the main qs HMIC looked at? tl;dr');
    expect(a.intent).toBe('overview');
    expect(a.citations).toContainEqual(expect.objectContaining({ page: 8, quote: 'To answer this question we looked at four in-depth questions, three of which are discussed in more detail within this report:' }));
  });

  it('reads a time of day as when, not as a figure asked for', () => {
    const a = ask('morning :wave: quick one before my 9am - whats the overall grade cleveland police got in this PEEL effectivness report?');
    expect(a.intent).toBe('judgment');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['requires improvement']);
    expect(a.citations[0]?.page).toBe(1);
  });

  it('meets the report’s derivations: "brought in" finds "the introduction of this team in August 2015"', () => {
    const a = ask('what % of crimes go through the ICMT? and when was it brought in?');
    expect(a.text).toContain('40 percent');
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('August 2015');
  });
});

describe('answer types', () => {
  it('works out what kind of answer a question wants', () => {
    expect(answerTypeOf("who's the chief constable?")).toBe('person');
    expect(answerTypeOf('who did the asb evaluation with')).toBe('who');
    expect(answerTypeOf('when will the neighbourhood model be in place')).toBe('when');
    expect(answerTypeOf("what does 'requires improvement' mean?")).toBe('definition');
    expect(answerTypeOf('what does peel stand for')).toBe('expansion');
    expect(answerTypeOf("do you reckon they'll get good next year")).toBe('future');
  });

  it('declines a "who is" question when no sentence names a person, saying what it lacks', () => {
    const a = ask("who's the chief constable? need the name for a letter");
    expect(a.answered).toBe(false);
    expect(a.text).toMatch(/^The report does not say who holds the post/);
  });

  it('answers "when" with a sentence that holds a date', () => {
    const a = ask('when is the neighbourhood review meant to be fully in place');
    expect(a.text).toBe('Cleveland Police intends to have fully implemented these by April 2016.');
    expect(a.citations[0]?.page).toBe(17);
  });

  it('declines a prediction of a grade or a trend', () => {
    for (const q of ["do you reckon they'll get to good overall next year?", 'will crime keep rising next year?']) {
      expect(ask(q).answered, q).toBe(false);
      expect(ask(q).text, q).toContain('makes no predictions');
    }
  });

  it('reads a definition where the report defines, with the list its sentence introduces', () => {
    const a = ask("what does 'requires improvement' actually mean in HMIC terms?");
    expect(a.answered).toBe(true);
    expect(a.citations.every((c) => c.page === 35 || c.page === 1)).toBe(true);
    // the grading scale is read where the report names it whole, whatever the judgment cues or other words in the question
    const scale = ask('what are the possible grades HMIC can give?');
    expect(scale.text).toBe('Outstanding, good, requires improvement or inadequate – see Annex A for definitions.');
    expect(scale.citations[0]).toMatchObject({ page: 1, section: 'Footnote 1' });
    expect(ask('what are the 4 possible grades hmic hands out? need it for an explainer box').text).toBe(scale.text);
    expect(ask('which grades can HMIC give? want a key under the table (outstanding / good / RI / inadequate?)').text).toBe(scale.text);
    const categories = ask('what are the judgment categories?');
    expect(categories.text).toBe('The judgment categories are:\n• outstanding;\n• good;\n• requires improvement; and\n• inadequate.');
    expect(categories.citations.map((c) => c.page)).toEqual([35, 35, 35, 35, 35, 35]);
  });

  it('spells an abbreviation out from the report, or says the report does not', () => {
    expect(ask('what does PEEL stand for').text).toBe('PEEL: police effectiveness, efficiency and legitimacy.');
    const thrive = ask('what does THRIVE stand for?');
    expect(thrive.answered).toBe(false);
    expect(thrive.text).toContain('uses THRIVE (p. 20) but does not spell it out');
  });
});

describe('claims, yes/no and two questions in one', () => {
  it('recognises a claim put to be checked', () => {
    expect(isYesNo('is it true that burglary doubled?')).toBe(true);
    expect(isYesNo('asb went up 2% in cleveland - right?')).toBe(true);
    expect(isYesNo('how many ocgs are there')).toBe(false);
    expect(claimedGrade('a colleague says we got good for prevention, right?')).toBe('good');
    expect(claimedGrade('how good are they at investigating')).toBeNull();
  });

  it('corrects a wrong grade and confirms a right one', () => {
    const wrong = ask("Is it true Cleveland got 'good' for preventing crime and ASB? a colleague thinks so");
    expect(wrong.text).toMatch(/^No: not good\. .*Requires improvement/);
    expect(wrong.citations.map((c) => c.quote)).toContain('How it prevents crime and anti-social behaviour also requires improvement.');
    expect(ask('so investigating crime was graded good, yeah?').text).toMatch(/^Yes\. /);
  });

  it('corrects a wrong direction or number with the figure and its comparator', () => {
    const a = ask('<@U02ABCD12> says ASB went UP 2% in cleveland - right?');
    expect(a.text).toMatch(/^No: the report says otherwise\. 2 percent/);
    expect(quotes('<@U02ABCD12> says ASB went UP 2% in cleveland - right?')).toContain('This is 2 percent fewer incidents than the force recorded during the previous 12 months.');
  });

  it('splits a message into its questions, keeping a bare "why" with the question it asks about', () => {
    expect(questionParts('what % of crimes go through the ICMT? and when was it brought in?')).toEqual(['what % of crimes go through the ICMT?', 'when was it brought in?']);
    expect(questionParts('what grade for preventing crime and ASB? and why?')).toEqual(['what grade for preventing crime and ASB? why?']);
    // what HMIC criticised is the reasons for the grade before it
    expect(questionParts('vulnerability judgment + what HMIC criticised')).toEqual(['vulnerability judgment what HMIC criticised']);
    // filler after a question is not a question: "£ ballpark is fine", "a colleague thinks so"
    expect(questionParts('how much does the force spend on ASB? £ ballpark is fine')).toEqual(['how much does the force spend on ASB?']);
    expect(questionParts('who did the ASB evaluation with, and when was it commissioned?')).toEqual(['who did the ASB evaluation with', 'when was it commissioned?']);
  });

  it('answers a grade and why: the summary’s reasons, each cited', () => {
    const a = ask('what grade did they get for investigating crime & managing offenders, and why?');
    expect(a.judgments?.map((j) => j.grade)).toEqual(['good']);
    expect(a.citations.length).toBeGreaterThan(3);
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('its investigations are good');
  });

  it('answers a comparison with last year from the summary that says none can be made', () => {
    expect(quotes('can we compare the overall grade with last year’s?')).toContain('so a year-on-year comparison is not possible');
  });

  it('answers "since 2010" with the figure whose paragraph is about 2010', () => {
    const a = ask('is it true that victim-based crime in cleveland dropped 12% since 2010?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.quote).toContain('showed no change in Cleveland, compared with a reduction of 12 percent');
  });

  it('lists every row of a figure for a breakdown', () => {
    const a = ask('breakdown of OCGs by crime type pls');
    expect(a.text.split('\n')).toEqual([
      'Drug activity: 85 percent in Cleveland Police (as at 30 June 2015)',
      'Sexual offences: 6 percent in Cleveland Police (as at 30 June 2015)',
      'Organised theft: 6 percent in Cleveland Police (as at 30 June 2015)',
      'Violent criminal activity: 3 percent in Cleveland Police (as at 30 June 2015)',
    ]);
  });
});

describe('a figure restated in other numbers', () => {
  it('quotes the restating sentence with the figure: "how many OCGs" shows 33 and its 59 per million', () => {
    const a = ask('how many OCGs is cleveland tracking');
    expect(a.metric).toMatchObject({ value: '33' });
    expect(a.citations[0]).toMatchObject({ page: 28, quote: expect.stringContaining('This represents 59 OCGs per one million of the population.') });
  });
});

describe('comparisons with other forces', () => {
  it('answers "how do X compare to other forces" with the report’s own comparison, not a figure against England and Wales', () => {
    expect(answerTypeOf('overall how do our outcome rates compare to other forces?')).toBe('compare');
    const a = ask('are our outcome rates out of line with other forces?');
    expect(a.intent).toBe('passage');
    expect(a.text).toBe('When considering all crimes recorded (excluding fraud), outcome rates for Cleveland Police are broadly in line with most other forces in England and Wales.');
    expect(a.citations[0]?.page).toBe(19);
    // a number asked for is still a figure
    expect(ask('what is our charge rate compared to other forces?').metric).toMatchObject({ value: '22.0' });
  });
});

describe('one search per question', () => {
  it('searches the passages once when a figure question falls back to them more than once', () => {
    const q = 'hi, writing a piece for the local paper - what did the inspectors say about how cleveland manages registered sex offenders, is the number of high risk ones a problem compared to other forces?';
    ask(q);
    vi.mocked(searchOr).mockClear();
    ask(q);
    // the figure index once and the passage index once (it was searched twice: as a comparison, then for any passage)
    expect(searchOr).toHaveBeenCalledTimes(2);
  });
});

describe('word breaks', () => {
  it('reads the vocabulary’s phrases at the same word breaks as the index: "gangs/OCGs", "asb/crime" are two words each', () => {
    expect(ask('gangs/OCGs - how many?').metric).toMatchObject({ value: '33' });
    expect(ask('stats on asb/crime?').citations[0]?.quote).toContain('76.4');
    expect(wordsOf('gangs/OCGs (ASB) crime,asb 1,000 0.5 e&w anti-social')).toEqual(['gangs', 'ocgs', 'asb', 'crime', 'asb', '1,000', '0.5', 'e&w', 'anti-social']);
  });
});

describe('declines', () => {
  it('quote the person’s words and say where the report comes nearest', () => {
    const a = ask('how many tasers does the force have?');
    expect(a.answered).toBe(false);
    expect(a.text).toMatch(/^The report gives no figure for “tasers”\./);
    // the person's words, never the stems they were read as ("tasers", not "taker"), and what kind of answer is missing
    expect(ask('why is neighbourhood policing so stretched by the tasers?').text).toBe(
      'The report does not say why, for “tasers”. The nearest it comes is p. 20, on “How well does the force initially investigate and allocate cases”. Try one of these instead.',
    );
    expect(ask('who leads the ICMT?').text).toMatch(/^The report does not say who holds the post asked about: “icmt”\. The nearest it comes is p\. 20, on “/);
    const b = ask('who won the football');
    expect(b.text).toMatch(/^The report does not mention “won football”\./);
  });
});
