/**
 * The query rewrite: a question in the report's words — spellings as the report writes them,
 * acronyms and synonyms expanded, typos mended — and each content word read for what it says:
 * a term to find, one to search but not require, a verb, general English set aside, or a word no
 * report uses that may mean the question is about something else.
 */
import { rewriteWords, withoutPhrases, wordsOf } from './phrases.js';
import { termOf, tokenize } from '../words/terms.js';
import { GRADES } from '../corpus/schema.js';
import type { Vocabulary } from './vocabulary.js';
import { contentTerms, contentWords } from './content.js';
import { correctTerm } from './spelling.js';
import { PREFIXES, claimSources, glossedAbbreviations, gradedBy, likeParts, modifyingPhrases, offeredAlternatives, onlyAdverb, onlyDescribing, perPopulation, phrasalVerb, placedWords, questionWordsSpelt } from './grammar.js';
import { plainQuestion, withoutConfirmTag } from './markup.js';

export interface RewrittenQuery {
  /** the question as typed, in lower case, markup and control characters out: its grammar intact ("who's", "?") */
  plain: string;
  /** the question in plain lower case, markup gone, spellings as the report writes them */
  normalised: string;
  /** normalised plus what its acronyms and synonyms stand for: what is searched */
  expanded: string;
  /** stemmed content words of the question (stopwords out), after spelling correction */
  terms: string[];
  /** for a term that is an acronym or has synonyms: the content words of each thing it stands for */
  alternatives: Map<string, string[][]>;
  /** content words the reports never use, even allowing for a typo, that stand for nothing known and
   * name something specific (a concrete thing, a name): the question may be about something else */
  unknown: string[];
  /** terms of general English ("say", "page", "think"): searched, never required of the evidence */
  optional: Set<string>;
  /** terms of verbs the report uses ("handled", "dealing"): required only when the question names nothing else */
  verbs: Set<string>;
  /** the person's words set aside as general English the reports do not use ("hi", "reckon", "colleague") */
  dropped: string[];
  /** each term as the person wrote it, for messages that quote them */
  said: Map<string, string>;
  /** the question's numbers that the reports write ("33", "42,844"): figures it may have in mind */
  figures: string[];
  /** terms typed as names inside the question ("the THRIVE thing", "referred to ROCU"): they say most what is asked */
  names: Set<string>;
  /** each term's IDF in the reports in scope (set where the reports are known): a rare word says more of what is asked */
  idf?: Map<string, number>;
}

/** How the words of one question are being read: what the rewrite returns, filled word by word. */
interface Reading extends Pick<RewrittenQuery, 'alternatives' | 'terms' | 'unknown' | 'optional' | 'verbs' | 'dropped' | 'said' | 'figures'> {
  vocabulary: Vocabulary;
  known: Set<string>;
  byLength: Map<number, string[]>;
  cueTerms: Set<string>;
  /** words typed with a capital ("Veale", "LAC"): names and codes, never slips of general English */
  capitalised: Set<string>;
  /** words typed with a capital after the question's first word: names ("Evolve"), not verbs */
  named: Set<string>;
  /** the question's words, frame out, in order */
  words: string[];
  /** words whose place in the question says their part of speech */
  placed: Map<string, 'verb' | 'adj'>;
  /** words searched besides the question's own: lemmas, derivations, related words */
  extraWords: string[];
  /** the report's terms typos were mended to */
  correctedWords: string[];
  /** terms the vocabulary stands in for by verbs alone ("set up" → established|introduced): doings, like verbs */
  doings: Set<string>;
}

/** Words before a thing counted ("how many cops", "number of officers"). */
const COUNTED_BEFORE = /\b(?:how many|number of|no of|count of|total of)(?: \w+)?$/;

/**
 * What acronyms and synonyms stand for: for each term they cover, the content words of each thing it
 * stands for, and the derivations the reports use of one-word stand-ins, to be searched too.
 */
function standIns(words: string[], vocabulary: Vocabulary, known: Set<string>): { alternatives: Map<string, string[][]>; searched: string[]; doings: Set<string>; common: Set<string> } {
  const alternatives = new Map<string, string[][]>();
  const searched: string[] = [];
  const doings = new Set<string>();
  const common = new Set<string>();
  for (const index of [vocabulary.phrases.acronyms, vocabulary.phrases.synonyms]) {
    for (const m of index.findAll(words)) {
      // "a|b|c" offers alternatives, any one of which stands in; "a b" is one phrase, all of whose words must
      const options = m.value.split('|').map((o) => o.trim()).filter(Boolean);
      const stands = options.map((o) => contentTerms(o, vocabulary));
      // a one-word stand-in also stands in its derivations ("introduced" → introduction)
      const derived = options
        .filter((o) => contentTerms(o, vocabulary).length === 1)
        .flatMap((o) => contentWords(o, vocabulary).flatMap(({ word }) => vocabulary.english.derivations(word)))
        .filter((d) => known.has(termOf(d)));
      searched.push(...derived);
      const verbs = options.every((o) => /^[a-z]+$/.test(o) && vocabulary.english.mostlyVerb(o));
      for (const t of contentTerms(words.slice(m.at, m.at + m.length).join(' '), vocabulary)) {
        alternatives.set(t, [...(alternatives.get(t) ?? []), ...stands, ...derived.map((d) => [termOf(d)])]);
        // (not a form of the word itself: "trained" → training says nothing of what it is)
        if (verbs && stands.some((st) => st.join(' ') !== t)) doings.add(t);
        // ("cops" → police|officers: a word for one the reports use too often to ask about says no more than it does,
        // unless it is what is counted: "how many cops")
        if (stands.some((st) => st.length === 0) && !COUNTED_BEFORE.test(words.slice(Math.max(0, m.at - 3), m.at).join(' '))) common.add(t);
      }
    }
  }
  return { alternatives, searched, doings, common };
}

/** An abbreviation typed in capitals that the vocabulary does not know, spelt out from the reports' words: added to the alternatives; the expansions returned, to be searched. */
function spelledOutAbbreviations(text: string, vocabulary: Vocabulary, known: Set<string>, alternatives: Map<string, string[][]>, spellOut: (abbreviation: string) => string | null): string[] {
  const searched: string[] = [];
  for (const match of text.matchAll(/\b([A-Z]{2,6})s?\b/g)) {
    const abbreviation = match[1];
    const typed = match[0].toLowerCase();
    const terms = [...new Set([termOf(abbreviation!.toLowerCase()), ...contentTerms(typed, vocabulary)])];
    if (terms.some((t) => alternatives.has(t) || known.has(t))) continue;
    const expansion = spellOut(abbreviation!);
    if (!expansion) continue;
    for (const t of terms) alternatives.set(t, [contentTerms(expansion, vocabulary)]);
    searched.push(expansion);
  }
  return searched;
}

/** Reads one content word of the question into the reading: the first reading that fits decides. */
function readWord(r: Reading, word: string, term: string, modifiers: Set<string>): void {
  if (r.terms.includes(term) || r.dropped.includes(word)) return;
  // "long term", "day to day": a phrase English writes as one describing word says how, not what
  if (modifiers.has(word)) {
    r.dropped.push(word);
    return;
  }
  r.said.set(term, word);
  if (asReportWord(r, word, term)) return;
  const { english } = r.vocabulary;
  // general English the report does not use: framing, filler, hedges, greetings; a prefix split from its
  // word ("pre-PEEL" → pre), or a prefixed word of general English ("pre-PEEL", "post-inspection"), names nothing of its own
  if (PREFIXES.has(word) || (word.includes('-') && PREFIXES.has(word.split('-')[0]!) && word.split('-').slice(1).every((w) => english.isStopword(w) || r.vocabulary.stopwords.has(w)))) return;
  if (english.isStopword(word)) {
    r.dropped.push(word);
    return;
  }
  if (asFormOfReportWord(r, word, term)) return;
  const inDictionary = english.inDictionary(word);
  if (asSlip(r, word, term, inDictionary)) return;
  if (inDictionary && asHowAsked(r, word)) return;
  asRelatedOrUnknown(r, word, term, inDictionary);
}

/** The report's word, a cue, something the vocabulary expands, or a number: a term (its derivations the report uses searched too). */
function asReportWord(r: Reading, word: string, term: string): boolean {
  const { english } = r.vocabulary;
  // a derivation the report uses stands for a word it uses too ("reduced" → reduction, "satisfied" → satisfaction)
  const derived = r.known.has(term) ? english.derivations(word).filter((d) => termOf(d) !== term && r.known.has(termOf(d))) : [];
  if (derived.length) {
    r.alternatives.set(term, [...(r.alternatives.get(term) ?? []), ...derived.map((d) => [termOf(d)])]);
    r.extraWords.push(...derived);
  }
  if (/^\d/.test(term) && r.known.has(term)) r.figures.push(term);
  if (!(r.known.has(term) || r.cueTerms.has(term) || r.alternatives.has(term) || /^\d/.test(term))) return false;
  r.terms.push(term);
  // a word of general English ("say", "page", "think") frames a question, and an adverb says how ("properly",
  // "actually"), not what: searched, not required
  if (english.isStopword(word) || onlyAdverb(english, word)) r.optional.add(term);
  // a verb says how something is asked about ("handled", "dealing with", "teamed up with"), the nouns what;
  // a word typed with a capital inside the question is a name ("that Evolve thing"), whatever else it can be
  // (one the vocabulary stands in for by verbs alone, "set up" → established|introduced, is a doing too; by a noun, "pulled off" → abstraction, a thing)
  else if ((!r.alternatives.has(term) || r.doings.has(term)) && !r.named.has(word) && (english.mostlyVerb(word) || phrasalVerb(r.words, word, english))) r.verbs.add(term);
  return true;
}

/** A dictionary form the report uses ("went" → go, "children" → child), or the report's main part of a prefixed word ("re-housing"). */
function asFormOfReportWord(r: Reading, word: string, term: string): boolean {
  const { english } = r.vocabulary;
  const lemma = english.lemmas(word).find((l) => l !== word && r.known.has(termOf(l)));
  if (lemma) {
    r.terms.push(termOf(lemma));
    r.said.set(termOf(lemma), word);
    if (english.isStopword(lemma)) r.optional.add(termOf(lemma));
    r.extraWords.push(lemma);
    return true;
  }
  // "re-housing", "non-urgent": a prefixed word the report does not use stands for its main part, when the report uses that
  const main = word.includes('-') ? word.split('-').at(-1)! : '';
  if (main.length > 3 && r.known.has(termOf(main))) {
    r.alternatives.set(term, [[termOf(main)]]);
    r.terms.push(term);
    return true;
  }
  return false;
}

/** A word no dictionary knows: a typo of the report's word, a word cut short, or a slip of the keyboard for general English. */
function asSlip(r: Reading, word: string, term: string, inDictionary: boolean): boolean {
  // a typo of the report's word ("burgalry"): only a word no dictionary knows is taken for one
  const fixed = inDictionary ? null : correctTerm(term, r.known, r.byLength);
  if (fixed) {
    r.terms.push(fixed);
    r.said.set(fixed, word);
    r.correctedWords.push(fixed);
    return true;
  }
  const name = r.capitalised.has(word);
  // a word cut short ("excl", "incl", "admin"): the report's words it begins
  const clipped = inDictionary || name || word.length < 4 ? [] : [...r.known].filter((k) => k.length >= word.length + 2 && k.startsWith(word));
  if (clipped.length) {
    r.alternatives.set(term, clipped.map((k) => [k]));
    r.extraWords.push(...clipped);
    r.terms.push(term);
    return true;
  }
  // a slip of the keyboard typed in lower case ("wht", "actualy") is the general word it was meant to be
  // and a short word no dictionary knows ("wrt", "tbh") is set aside as one
  const meant = inDictionary || name ? null : r.vocabulary.english.misspeltFrom(word);
  if ((meant && r.vocabulary.english.kind(meant) === 'general') || (!inDictionary && !name && /^[a-z]{2,4}$/.test(word))) {
    r.dropped.push(word);
    return true;
  }
  return false;
}

/**
 * A word in the place of a verb ("did the report flag that …") or of a predicate adjective ("ballpark is fine")
 * says how something is asked or judged, not what is asked about, when it is that part of speech at all.
 */
function asHowAsked(r: Reading, word: string): boolean {
  const { english } = r.vocabulary;
  const place = r.placed.get(word);
  if (!place || !english.wordnet.lookup(english.lemmas(word).find((l) => english.wordnet.lookup(l, place)) ?? word, place)) return false;
  r.dropped.push(word);
  return true;
}

/** The report's words WordNet relates to it ("dropped" → fall, decline; "allocated" → allocation); else general English set aside, or a specific word no report uses. */
function asRelatedOrUnknown(r: Reading, word: string, term: string, inDictionary: boolean): void {
  const { english } = r.vocabulary;
  const isKnown = (phrase: string) => {
    const ts = contentTerms(phrase, r.vocabulary);
    return ts.length > 0 && ts.every((t) => r.known.has(t));
  };
  const related = inDictionary ? [...new Set([...english.derivations(word).filter(isKnown), ...english.related(word, isKnown)])] : [];
  const kind = english.kind(word);
  if (related.length) {
    r.extraWords.push(...related);
    // general English is searched through the report's words, never required; but a word cut short (to half or less)
    // that WordNet relates to the report's word ("exams" → examination, "fig" → figure) is that word
    const whole = related.filter((w) => english.lemmas(word).some((l) => w.length >= 2 * l.length && w.startsWith(l)));
    if (kind === 'general' && whole.length === 0) r.dropped.push(word);
    else {
      r.alternatives.set(term, (whole.length ? whole : related).map((w) => contentTerms(w, r.vocabulary)));
      r.terms.push(term);
    }
    return;
  }
  if (kind === 'general') r.dropped.push(word);
  else {
    r.unknown.push(term);
    r.terms.push(term);
  }
}

/**
 * "the YJB or YOTs", "ROCU / NERSOU": words offered as alternatives, either of which answers; one the
 * reports never use is not asked of them when the other is theirs.
 */
function acceptOfferedAlternatives(r: Reading, text: string): void {
  for (const [a, b] of offeredAlternatives(text.toLowerCase(), r.vocabulary)) {
    if (!r.terms.includes(a) || !r.terms.includes(b)) continue;
    r.alternatives.set(a, [...(r.alternatives.get(a) ?? []), [b]]);
    r.alternatives.set(b, [...(r.alternatives.get(b) ?? []), [a]]);
    for (const [x, y] of [[a, b], [b, a]] as const) {
      if (r.unknown.includes(x) && !r.unknown.includes(y)) {
        r.unknown.splice(r.unknown.indexOf(x), 1);
        r.terms.splice(r.terms.indexOf(x), 1);
        r.dropped.push(r.said.get(x) ?? x);
      }
    }
  }
}

/**
 * "a MASH (multi agency safeguarding hub)", "the regional unit (ROCU)": an abbreviation and the words that gloss it
 * name one thing; the report's own one is asked of the evidence, the other searched but not required.
 */
function acceptGlosses(r: Reading, text: string): void {
  for (const { abbreviation, gloss } of glossedAbbreviations(text)) {
    const short = termOf(abbreviation.toLowerCase());
    const long = contentTerms(gloss.join(' '), r.vocabulary).filter((t) => t !== short && r.terms.includes(t));
    if (!r.terms.includes(short) || long.length === 0) continue;
    const [kept, aside] = r.unknown.includes(short) ? [long, [short]] : [[short], long];
    if (kept.some((t) => r.unknown.includes(t))) continue;
    for (const t of aside) {
      r.optional.add(t);
      if (r.unknown.includes(t)) r.unknown.splice(r.unknown.indexOf(t), 1);
    }
    if (kept.length === 1) r.alternatives.set(kept[0]!, [...(r.alternatives.get(kept[0]!) ?? []), aside]);
  }
}

/** The grades of more than one word by their initials: ["RI", "requires improvement"]. */
const GRADE_INITIALS = GRADES.filter((g) => g.includes(' ')).map((g) => [g.split(' ').map((w) => w[0]!.toUpperCase()).join(''), g] as const);

/** Rewrites a question into the report's words: markup out, spellings in, acronyms and synonyms expanded, typos mended. */
export function rewriteQuery(
  question: string,
  vocabulary: Vocabulary,
  known: Set<string>,
  byLength: Map<number, string[]>,
  /** words the intents use (cues), which are known even if no report uses them */
  cueTerms: Set<string> = new Set(),
  /** the reports' words for an abbreviation ("MASH" → multi-agency safeguarding hub), or null */
  spellOut: (abbreviation: string) => string | null = () => null,
): RewrittenQuery {
  // a grade named by its initials ("we got RI?"), as the reports spell it out, is read as the grade
  const text = plainQuestion(question).replace(/\b[A-Z]{2,4}\b/g, (a) => GRADE_INITIALS.find(([i, g]) => i === a && spellOut(a)?.toLowerCase() === g)?.[1] ?? a);
  const words = perPopulation(rewriteWords(wordsOf(withoutConfirmTag(text)).flatMap(likeParts), vocabulary.phrases.spellings, false));
  const normalised = words.join(' ');
  const { alternatives, searched, doings, common } = standIns(words, vocabulary, known);
  searched.push(...spelledOutAbbreviations(text, vocabulary, known, alternatives, spellOut));
  // the question's frame ("which page says", "a colleague says") is how it is asked, not what
  const framed = withoutPhrases(words, vocabulary.phrases.frames).join(' ');
  const r: Reading = {
    vocabulary, known, byLength, cueTerms, alternatives, doings,
    capitalised: new Set((text.match(/[\p{L}\p{N}'’&-]*\p{Lu}[\p{L}\p{N}'’&-]*/gu) ?? []).flatMap((w) => tokenize(w))),
    placed: placedWords(framed),
    named: new Set((text.replace(/^\W*\S+/, '').match(/(?<![.?!]\s+)\b\p{Lu}[\p{L}'’-]*/gu) ?? []).flatMap((w) => tokenize(w))),
    words: framed.split(' '),
    terms: [], unknown: [], optional: new Set(), verbs: new Set(), dropped: [], said: new Map(), figures: [], extraWords: [], correctedWords: [],
  };
  const modifiers = modifyingPhrases(framed.split(' '), vocabulary, known);
  for (const { word, term } of contentWords(framed, vocabulary)) readWord(r, word, term, modifiers);
  acceptOfferedAlternatives(r, text);
  acceptGlosses(r, text);
  // a hyphenated word English knows only as describing ("long-term", "day-to-day") says how, not what, even where the
  // report writes it: it and its parts are searched, never required
  for (const w of r.words) if (onlyDescribing(vocabulary.english, w)) for (const t of contentTerms(w, vocabulary)) if (r.terms.includes(t)) r.optional.add(t);
  // who put a claim to the asker ("constituents keep saying …") is how it came to be asked, not what
  for (const w of claimSources(text)) for (const t of contentTerms(w, vocabulary)) if (r.terms.includes(t)) r.optional.add(t);
  // ("why so slow": the asker's grading of the thing, not the thing)
  for (const w of gradedBy(vocabulary.english, text)) for (const t of contentTerms(w, vocabulary)) if (r.terms.includes(t)) r.optional.add(t);
  for (const t of common) if (r.terms.includes(t)) r.optional.add(t);
  const expandedWords = rewriteWords(rewriteWords(words, vocabulary.phrases.acronyms, true), vocabulary.phrases.synonyms, true);
  // each word once: MiniSearch runs one query per word it reads
  const expanded = [...new Set([...expandedWords, ...r.correctedWords, ...r.extraWords, ...searched].flatMap((w) => w.split(/\s+/)))].join(' ');
  const { terms, unknown, optional, verbs, dropped, said, figures } = r;
  const names = new Set(terms.filter((t) => r.named.has(said.get(t) ?? t)));
  return { plain: questionWordsSpelt(text.toLowerCase().replace(/\s+/g, ' ').trim()), normalised, expanded, terms: [...new Set(terms)], alternatives, unknown, optional, verbs, dropped, said, figures, names };
}
