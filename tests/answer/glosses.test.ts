import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { rewrite } from '../../src/answer/scope.js';
import { glossedAbbreviations } from '../../src/search/grammar.js';

/** Mechanisms of the answerer, each on the real report, as people asked (blind-fresh10's dev round). */
let kb: Knowledge;
beforeAll(() => {
  kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
});

const cited = (q: string) => answerQuestion(kb, q).citations.map((c) => [c.page, c.quote.slice(0, 60)]);
const read = (q: string) => rewrite(kb, [...kb.byId.values()], q);

describe('a word the vocabulary stands in for by verbs alone is a doing, not what is asked about', () => {
  it('reads "set up" (→ established|introduced|implemented) as a verb and answers on the MASH, with the page on co-located working', () => {
    const q = 'do they have a MASH set up with partners yet or is that still not happening?';
    expect([...read(q).verbs]).toContain('set');
    expect(cited(q)).toEqual([
      [1, 'Our assessment of how Cleveland Police deals with vulnerable'],
      [26, 'Cleveland Police recognises the value in sharing information'],
    ]);
    expect(answerQuestion(kb, q).text).toContain('multi-agency safeguarding hub arrangement');
  });

  it('keeps "pulled off" (→ moved away|abstraction) as what is asked: the abstraction passages answer', () => {
    const q = 'was there a recommendation about neighbourhood bobbies being pulled off to cover response shifts?';
    expect([...read(q).verbs]).not.toContain('pull');
    expect(cited(q).map(([p]) => p)).toEqual([13, 13, 13]);
    expect(answerQuestion(kb, q).citations[2]!.quote).toContain('review the abstraction of neighbourhood officers');
  });
});

describe('an abbreviation a question glosses itself is one thing asked, not several', () => {
  it('finds the gloss in brackets after it, further on when its words spell it, or before it by its initials', () => {
    expect(glossedAbbreviations('hiya, what share does the new ICMT (telephone investigation team) handle?')).toEqual([{ abbreviation: 'ICMT', gloss: ['telephone', 'investigation', 'team'] }]);
    expect(glossedAbbreviations('does it mention a MASH at all? (multi agency safeguarding hub)')).toEqual([{ abbreviation: 'MASH', gloss: ['multi', 'agency', 'safeguarding', 'hub'] }]);
    expect(glossedAbbreviations('sent any OCGs up to the regional unit (ROCU)?')).toEqual([{ abbreviation: 'ROCU', gloss: ['regional', 'unit'] }]);
    // (words before it that do not end it are no gloss; nor are words further on that do not spell it)
    expect(glossedAbbreviations('managed by the team (MOSOVO)')).toEqual([]);
    expect(glossedAbbreviations('is the IOM working? (asking for a report)')).toEqual([]);
  });

  it('asks the MASH of the evidence, not "multi", "agency" and "hub" besides: the page on co-located working answers too', () => {
    const q = 'does it mention a MASH at all? (multi agency safeguarding hub)';
    expect([...read(q).optional]).toEqual(['multi', 'agenc', 'safeguard', 'hub']);
    const a = answerQuestion(kb, q);
    expect(a.text).toBe('The force works well with partners to safeguard vulnerable victims, although arrangements could be enhanced through a multi-agency safeguarding hub arrangement.');
    expect(cited(q)).toEqual([
      [1, 'Our assessment of how Cleveland Police deals with vulnerable'],
      [26, 'Cleveland Police recognises the value in sharing information'],
    ]);
    expect(a.citations[1]!.quote).toContain('disappointingly slow');
  });

  it('answers the ICMT’s share whatever the asker calls it in brackets', () => {
    const a = answerQuestion(kb, 'hiya, what share of crimes does the new ICMT (telephone investigation team) handle now? a third?');
    expect(a.intent).toBe('metric');
    expect(a.citations.map((c) => [c.page, c.quote])).toEqual([[20, 'The force now deals with approximately 40 percent of crimes through the ICMT.']]);
  });
});

describe('a sentence that names a thing by its abbreviation speaks of it in the words the report spells it out with', () => {
  it('answers "that telephone investigation team" with the ICMT’s 40 percent, not the IOM teams’ 48', () => {
    for (const q of ['roughly what share of crimes goes through that telephone investigation team now', 'cheers for earlier. roughly what share of crimes go to that new phone investigation team now? 1 in 4?']) {
      const a = answerQuestion(kb, q);
      expect(a.metric).toMatchObject({ value: '40' });
      expect([a.citations[0]!.page, a.citations[0]!.quote]).toEqual([20, 'The force now deals with approximately 40 percent of crimes through the ICMT.']);
    }
  });

  it('finds "the regional unit" in the passage that says ROCU', () => {
    const a = answerQuestion(kb, "why hasn't Cleveland sent any of its OCGs up to the regional unit?");
    expect(a.answered).toBe(true);
    expect(a.citations.map((c) => c.page)).toEqual([32]);
    expect(a.citations[0]!.quote).toContain('assessed at too low a level to be picked up by ROCU individually');
  });

  it('spells out only the report’s own abbreviations, once per set of terms', () => {
    const search = [...kb.byId.values()][0]!.search;
    const terms = new Set(['icmt', 'crime']);
    expect([...search.spelt(terms)]).toEqual(['icmt', 'crime', 'incid', 'manag', 'team']);
    expect(search.spelt(terms)).toBe(search.spelt(terms));
    const plain = new Set(['victim']);
    expect(search.spelt(plain)).toBe(plain);
  });
});

describe('a part of the report named by its own words alone is summed up by its whole summary of findings', () => {
  it('gives every findings paragraph of "investigating crime & managing offenders", well-trained staff among them', () => {
    const q = 'gist of the investigating crime & managing offenders chapter? cheers';
    const a = answerQuestion(kb, q);
    expect(a.intent).toBe('overview');
    expect(a.text.split('\n')[0]).toBe('Investigating crime and managing offenders: Good.');
    expect(cited(q)).toEqual([
      [1, 'The force investigates crime and manages offenders effective'],
      [1, 'The force uses appropriately trained officers and staff and '],
      [25, 'Cleveland Police’s approach to investigating crime and manag'],
      [25, 'The force works well with partners to identify, monitor and '],
      [25, 'The force has effective processes for the initial investigat'],
      [25, 'Officers keep victims informed during an investigation and t'],
      [25, 'Cleveland Police and its partner organisations use a range o'],
    ]);
    expect(a.citations[4]!.quote).toContain('Investigative staff are well trained');
  });

  it('still gives the two findings paragraphs that say most of a topic named within the part', () => {
    expect(cited('in a nutshell what did HMIC find on offender mgmt (IOM, MAPPA, RSOs)?')).toEqual([
      [1, 'The force investigates crime and manages offenders effective'],
      [1, 'The force uses appropriately trained officers and staff and '],
      [25, 'The force works well with partners to identify, monitor and '],
      [25, 'Cleveland Police’s approach to investigating crime and manag'],
    ]);
  });
});

describe('a stand-in that is the word’s own form says nothing of whether it is a doing', () => {
  it('keeps "trained" (→ training) asked of the evidence: "how many trained in TSU?" is answered by the one officer trained', () => {
    const q = 'digital forensics backlog - how many trained in TSU?';
    expect([...read(q).verbs]).not.toContain('train');
    const a = answerQuestion(kb, q);
    expect(a.text).toBe('At the time of our inspection, the force had one officer trained within its technical support unit (TSU) to provide digital data to evidential standard.');
    expect(a.citations[0]!.page).toBe(21);
  });
});

describe('a word cut short that WordNet relates to the report’s word is that word, though a dictionary knows it', () => {
  it('reads "exam" as examination and answers the computer examination delay', () => {
    const q = 'computer exam backlog - is it still twelve months?? :face_palm:';
    expect(read(q).alternatives.get('exam')).toEqual([['examin']]);
    const a = answerQuestion(kb, q);
    expect(a.text).toBe('Although the force has reduced delays in examination from twelve months down to eight, this is still an unacceptable position.');
    expect(a.citations[0]!.page).toBe(22);
  });

  it('leaves a longer word that merely begins the report’s ("neighbours", not neighbourhood) to general English', () => {
    expect(read('do the neighbours complain?').alternatives.has('neighbour')).toBe(false);
  });
});

describe('a grade named by its initials, as the report spells it out, is read as the grade', () => {
  it('checks "we got RI for SOC, right?" against the SOC grade: no, good', () => {
    const a = answerQuestion(kb, 'colleague reckons we got RI for SOC, right? :thinking_face:');
    expect(a.intent).toBe('judgment');
    expect(a.text).toBe('No: not requires improvement. Cleveland Police — tackling serious and organised crime, including its arrangements for fulfilling its national policing responsibilities: Good.');
    expect(a.citations[0]).toMatchObject({ page: 34, quote: 'The force is good at tackling serious and organised crime groups in its area.' });
  });

  it('answers "prevention & ASB = RI yeah?" with the prevention grade', () => {
    const a = answerQuestion(kb, 'so prevention & ASB = RI yeah? just confirming before branch mtg tmrw');
    expect(a.intent).toBe('judgment');
    expect(a.text).toBe('Cleveland Police — preventing crime and anti-social behaviour, and keeping people safe: Requires improvement.');
    expect(a.citations.map((c) => c.page)).toEqual([16, 1]);
  });
});

describe('a part of a long paragraph that opens by pointing back is quoted with the part before it', () => {
  it('quotes "They also work on an appointment car …" with who "they" are: neighbourhood officers moved to backfill for response', () => {
    const a = answerQuestion(kb, 'why arent NPT officers doing prevention work - is it abstractions?');
    expect(cited('why arent NPT officers doing prevention work - is it abstractions?')).toEqual([
      [13, 'In HMIC’s crime inspection in 2014, we made a recommendation'],
      [13, 'While the force has allocated resources to prevent crime and'],
    ]);
    const quote = a.citations[1]!.quote;
    expect(quote).toContain('to backfill for response officers when demand is high. They also work on an appointment car');
    expect(quote).toContain('The force has not placed a limit on the number of times');
  });

  it('quotes a part that opens with its own subject as it is', () => {
    const a = answerQuestion(kb, 'does the report actualy say anything about my lot getting pulled off to backfill response all the time');
    expect(a.citations[0]!.quote.startsWith('While the force has allocated resources')).toBe(true);
    expect(a.citations[0]!.quote).not.toContain('They also work');
  });
});
