import { describe, expect, it } from 'vitest';
import { expansionIn } from '../../src/words/acronyms.js';
import { english, oneEditApart } from '../../src/words/english.js';
import { termOf, tokenize } from '../../src/words/terms.js';
import { WordNet } from '../../src/words/wordnet.js';

describe('one way of reading words', () => {
  it('splits text into lower-case words, keeping hyphenated words whole and giving their parts', () => {
    expect(tokenize('Anti-social behaviour (ASB) fell by 2 percent, to 42,844 — and 0.5 per 1,000.')).toEqual([
      'anti-social', 'anti', 'social', 'behaviour', 'asb', 'fell', 'by', '2', 'percent', 'to', '42844', 'and', '0.5', 'per', '1000',
    ]);
    expect(tokenize("the force’s E&W figure")).toEqual(['the', 'force', 'e&w', 'figure']);
  });

  it('reads a word as its dictionary form, then its Porter2 stem, so the forms of a word meet', () => {
    for (const [a, b] of [
      ['investigation', 'investigating'],
      ['charged', 'charge'],
      ['went', 'go'],
      ['fallen', 'fell'],
      ['children', 'child'],
      ['policing', 'police'],
      ['co-ordinators', 'co-ordinator'],
    ]) expect(termOf(a!), `${a} / ${b}`).toBe(termOf(b!));
    expect(termOf('police')).not.toBe(termOf('policy'));
    expect(termOf('2015')).toBe('2015');
  });
});

describe('general English (stopwords-iso, wink-lemmatizer, WordNet)', () => {
  const en = english();

  it('tells framing words from words that name something the report may not cover', () => {
    // greetings, hedges, verbs of asking, people and talk: general
    for (const w of ['hi', 'thanks', 'reckon', 'heard', 'define', 'colleague', 'essay', 'idea', 'now', 'roughly']) expect(en.kind(w), w).toBe('general');
    // money, objects, places, names no dictionary knows: specific
    for (const w of ['budget', 'knife', 'salary', 'money', 'middlesbrough', 'veale']) expect(en.kind(w), w).toBe('specific');
  });

  it('gives derivations that share the word’s stem, not every word of the derived sense', () => {
    expect(en.derivations('introduced')).toEqual(['introduction']);
    expect(en.derivations('reduced')).toContain('reduction');
    expect(en.derivations('satisfied')).toContain('satisfaction');
    expect(en.derivations('satisfied')).not.toContain('fill');
  });

  it('relates a word to the report’s words through the senses it is mostly used in', () => {
    const known = new Set(['fall', 'decline', 'figure', 'work']);
    expect(en.related('dropped', (w) => known.has(w))).toEqual(expect.arrayContaining(['fall', 'decline']));
    // "budget" is money first: its verb sense ("work out a figure") is not followed
    expect(en.related('budget', (w) => known.has(w))).toEqual([]);
  });
});

describe('slips of the keyboard', () => {
  it('takes a word no dictionary knows for the general word one edit away, and a name for no word', () => {
    expect(english().misspeltFrom('actualy')).toBe('actually');
    expect(english().misspeltFrom('recieve')).toBe('receive');
    expect(english().kind(english().misspeltFrom('wht')!)).toBe('general');
    expect(english().misspeltFrom('veale')).toBeNull();
    expect(english().misspeltFrom('iirc')).toBeNull();
    expect(oneEditApart('teh', 'the')).toBe(true);
    expect(oneEditApart('wht', 'what')).toBe(true);
    expect(oneEditApart('what', 'wheat')).toBe(true);
    expect(oneEditApart('what', 'whom')).toBe(false);
  });
});

describe('the WordNet reader', () => {
  const wn = new WordNet();

  it('finds a lemma by binary search in the index and reads its synsets by offset', () => {
    const knife = wn.lookup('knife', 'noun')!;
    expect(knife.offsets.length).toBe(3);
    expect(wn.synset('noun', knife.offsets[0]!)).toMatchObject({ pos: 'noun', lexname: 'noun.artifact' });
    expect(wn.lookup('zzzz', 'noun')).toBeNull();
    // the licence lines at the top of every index file are never taken for a lemma
    expect(wn.lookup('', 'noun')).toBeNull();
    expect(wn.lookup('abandon', 'verb')?.lemma).toBe('abandon');
  });

  it('reads lexical pointers with the words they leave from and reach', () => {
    const introduce = wn.lookup('introduce', 'verb')!;
    const pointers = introduce.offsets.flatMap((o) => wn.synset('verb', o).pointers.filter((p) => p.symbol === '+'));
    expect(pointers.length).toBeGreaterThan(0);
    expect(pointers.every((p) => p.source > 0 && p.target > 0)).toBe(true);
  });
});

describe('abbreviations spelt out from a text', () => {
  it('finds the words whose initials spell an abbreviation, a hyphenated word giving one letter a part', () => {
    expect(expansionIn('MASH', 'arrangements could be enhanced through a multi-agency safeguarding hub arrangement.')).toBe('multi-agency safeguarding hub');
    expect(expansionIn('PEEL', 'PEEL (police effectiveness, efficiency and legitimacy) is')).toBe('police effectiveness, efficiency and legitimacy');
    expect(expansionIn('DA', 'victims of domestic abuse')).toBe('domestic abuse');
    expect(expansionIn('THRIVE', 'using the THRIVE model')).toBeNull();
  });
});
