import { type PhraseIndex, wordsOf } from './phrases.js';
import { termOf, tokenize } from '../words/terms.js';
import type { Vocabulary } from './vocabulary.js';

/** Slack markup in a question — mentions, channel links, links — as plain words (or nothing). */
export function stripSlackMarkup(text: string): string {
  return text
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, ' $1 ')
    // a channel link names where to post, not what is asked
    .replace(/<#[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<[@!#][^>]*>/g, ' ')
    .replace(/<(?:https?|mailto):[^>]*>/g, ' ')
    // emoji codes (:thumbsup:, :face_with_raised_eyebrow:) say nothing the report can answer
    .replace(/(^|[\s(]):[a-z0-9_+'-]+:(?::skin-tone-\d:)?(?=$|[\s).,!?])/gi, '$1 ');
}

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
}

/** Damerau–Levenshtein distance, stopping early past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) rows[i]![j] = i === 0 ? j : 0;
  }
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** The known term nearest a misspelt one (one edit for short words, two for long), or null. */
export function correctTerm(term: string, known: Set<string>, byLength: Map<number, string[]>): string | null {
  if (known.has(term) || term.length < 5) return null;
  const max = term.length >= 8 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = max + 1;
  for (let len = term.length - max; len <= term.length + max; len++) {
    for (const candidate of byLength.get(len) ?? []) {
      if (candidate[0] !== term[0] && candidate[1] !== term[1]) continue;
      const d = editDistance(term, candidate, max);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
  }
  return best;
}

/** Terms by length, for `correctTerm`. */
export function termsByLength(terms: Iterable<string>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const t of terms) out.set(t.length, [...(out.get(t.length) ?? []), t]);
  return out;
}

const shortTexts = new WeakMap<Vocabulary, Map<string, string[]>>();

/** Words of a text as the index sees them (lower case, stopwords out, stemmed); a short text's terms are remembered. */
export function contentTerms(text: string, vocabulary: Vocabulary): string[] {
  if (text.length > 80) return [...new Set(contentWords(text, vocabulary).map((w) => w.term))];
  let memo = shortTexts.get(vocabulary);
  if (!memo) shortTexts.set(vocabulary, (memo = new Map()));
  let terms = memo.get(text);
  if (!terms) {
    terms = [...new Set(contentWords(text, vocabulary).map((w) => w.term))];
    if (memo.size > 20_000) memo.clear();
    memo.set(text, terms);
  }
  return terms;
}

/** The content words of a text with their index terms (stopwords out): the same reading the index uses. */
export function contentWords(text: string, vocabulary: Vocabulary): { word: string; term: string }[] {
  const out: { word: string; term: string }[] = [];
  for (const word of tokenize(text)) {
    if (word.length < 2 || vocabulary.stopwords.has(word)) continue;
    out.push({ word, term: termOf(word) });
  }
  return out;
}

/** The words with every phrase of an index taken out. */
function withoutPhrases(words: string[], index: PhraseIndex<unknown>): string[] {
  const out: string[] = [];
  let i = 0;
  for (const m of index.findLongest(words)) {
    out.push(...words.slice(i, m.at));
    i = m.at + m.length;
  }
  out.push(...words.slice(i));
  return out;
}

/** Replaces each phrase found (longest first) by its value's words, or keeps it and adds them. */
function rewriteWords(words: string[], index: PhraseIndex<string>, keep: boolean): string[] {
  const matches = index.findLongest(words);
  if (matches.length === 0) return words;
  const out: string[] = [];
  let i = 0;
  for (const m of matches) {
    out.push(...words.slice(i, m.at));
    if (keep) out.push(...words.slice(m.at, m.at + m.length));
    out.push(...wordsOf(m.value.replace(/\|/g, ' ')));
    i = m.at + m.length;
  }
  out.push(...words.slice(i));
  return out;
}

/**
 * Words of two-word phrases that WordNet knows only as one adjective or adverb ("long term" →
 * long-term, "right away"): they describe what is asked, never name it, even where the report
 * writes them too ("a more long-term solution").
 */
/** Pairs of terms a text offers as alternatives: "X or Y", "X / Y" (a word each side, an article allowed after "or"). */
function offeredAlternatives(text: string, vocabulary: Vocabulary): [string, string][] {
  const out: [string, string][] = [];
  // (overlapping: "outstanding / good / RI" offers each beside the next)
  for (const m of text.matchAll(/(?<![\p{L}'’-])([\p{L}][\p{L}'’-]*)(?=\s*(?:\/|\s+or\s+(?:the\s+|a\s+|an\s+)?)\s*([\p{L}][\p{L}'’-]*))/gu)) {
    const [a] = contentTerms(m[1]!, vocabulary);
    const [b] = contentTerms(m[2]!, vocabulary);
    if (a && b && a !== b) out.push([a, b]);
  }
  return out;
}

const describingPairs = new Map<string, boolean>();
function modifyingPhrases(words: string[], vocabulary: Vocabulary, known: Set<string>): Set<string> {
  const out = new Set<string>();
  const { wordnet } = vocabulary.english;
  // "longer-run": one hyphenated word the reports do not use that English knows only as describing (its parts
  // in their dictionary form); one they use ("high-risk") may be what is asked about
  for (const w of words) {
    if (!/^[a-z]+(?:-[a-z]+)+$/.test(w) || known.has(termOf(w))) continue;
    const parts = w.split('-');
    const base = parts.map((p) => vocabulary.english.lemmas(p).find((l) => l !== p && wordnet.lookup(l, 'adj')) ?? p).join('-');
    if ([w, base].some((j) => (wordnet.lookup(j, 'adj') ?? wordnet.lookup(j, 'adv')) && !wordnet.lookup(j, 'noun') && !wordnet.lookup(j, 'verb'))) {
      out.add(w);
      for (const p of parts) out.add(p);
    }
  }
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    // (only a pair with a content word in it can change what is asked)
    if (!/^[a-z]+$/.test(a) || !/^[a-z]+$/.test(b) || (vocabulary.stopwords.has(a) && vocabulary.stopwords.has(b))) continue;
    const key = `${a} ${b}`;
    let describes = describingPairs.get(key);
    if (describes === undefined) {
      describes = [`${a}-${b}`, key].some((j) => (wordnet.lookup(j, 'adj') ?? wordnet.lookup(j, 'adv')) && !wordnet.lookup(j, 'noun') && !wordnet.lookup(j, 'verb'));
      if (describingPairs.size > 20_000) describingPairs.clear();
      describingPairs.set(key, describes);
    }
    if (describes) {
      out.add(a);
      out.add(b);
    }
  }
  return out;
}

/** The words whose place in a question says their part of speech: the verb after an auxiliary and its subject ("did the report flag"), an adjective after a copula ("is fine"). */
function placedWords(text: string): Map<string, 'verb' | 'adj'> {
  const out = new Map<string, 'verb' | 'adj'>();
  for (const m of text.matchAll(/\b(?:did|does|do|will|would|can|could|should|has|have|had)\s+(?:the report|the inspectors|the force|the police|it|they|hmic|he|she|we|you|u|inspectors|police)\s+(?:actually\s+|really\s+|ever\s+|even\s+)?([a-z]+)\b(?!\s+(?:been|be|being|is|are|was|were|has|have|had)\b)/g)) out.set(m[1]!, 'verb');
  for (const m of text.matchAll(/\b(?:is|are|was|were|be|it's|its|that's|thats)\s+(?:really\s+|very\s+|pretty\s+|quite\s+|too\s+|so\s+)?([a-z]+)\s*$/g)) out.set(m[1]!, 'adj');
  return out;
}

/** True when a word and the particle after it are a verb WordNet knows ("hand out", "give out", "set up"). */
export function phrasalVerb(words: string[], word: string, english: Vocabulary['english']): boolean {
  const i = words.indexOf(word);
  const next = i >= 0 ? words[i + 1] : undefined;
  if (!next || !/^(?:out|up|off|in|down|on|over|back|away)$/.test(next)) return false;
  return english.lemmas(word).concat(word).some((l) => english.wordnet.lookup(`${l} ${next}`, 'verb') !== null);
}

/** Prefixes English writes with a hyphen ("pre-PEEL", "non-urgent", "ex-partner"): split from their word, they say nothing. */
const PREFIXES = new Set(['pre', 'post', 'non', 'anti', 'ex', 're', 'co', 'sub', 'mid', 'semi', 'multi', 'inter', 'intra', 'over', 'under', 'self']);

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
  const text = stripSlackMarkup(question)
    .normalize('NFKC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/[‘’]/g, "'");
  // a tag that asks to confirm ("…, right?", "- correct?", "yeah?") is how a claim is put, not what it claims
  const untagged = text.replace(/[\s,;:-]+(?:right|correct|true|yeah|yes|yep|innit|no)\s*[?!.]*\s*$/i, ' ');
  const words = rewriteWords(wordsOf(untagged), vocabulary.phrases.spellings, false);
  const normalised = words.join(' ');
  const alternatives = new Map<string, string[][]>();
  const extraSearched: string[] = [];
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
      extraSearched.push(...derived);
      for (const t of contentTerms(words.slice(m.at, m.at + m.length).join(' '), vocabulary)) {
        alternatives.set(t, [...(alternatives.get(t) ?? []), ...stands, ...derived.map((d) => [termOf(d)])]);
      }
    }
  }
  // an abbreviation typed in capitals that the vocabulary does not know, spelt out from the reports' words
  for (const match of text.matchAll(/\b([A-Z]{2,6})s?\b/g)) {
    const abbreviation = match[1];
    const typed = match[0].toLowerCase();
    const terms = [...new Set([termOf(abbreviation!.toLowerCase()), ...contentTerms(typed, vocabulary)])];
    if (terms.some((t) => alternatives.has(t) || known.has(t))) continue;
    const expansion = spellOut(abbreviation!);
    if (!expansion) continue;
    for (const t of terms) alternatives.set(t, [contentTerms(expansion, vocabulary)]);
    extraSearched.push(expansion);
  }
  const { english } = vocabulary;
  const correctedWords: string[] = [];
  const isKnown = (phrase: string) => {
    const ts = contentTerms(phrase, vocabulary);
    return ts.length > 0 && ts.every((t) => known.has(t));
  };
  const terms: string[] = [];
  const unknown: string[] = [];
  const optional = new Set<string>();
  const verbs = new Set<string>();
  const dropped: string[] = [];
  const said = new Map<string, string>();
  const figures: string[] = [];
  const extraWords: string[] = [];
  // words typed with a capital ("Veale", "LAC") are names and codes, never slips of general English
  const capitalised = new Set((text.match(/[\p{L}\p{N}'’&-]*\p{Lu}[\p{L}\p{N}'’&-]*/gu) ?? []).flatMap((w) => tokenize(w)));
  // the question's frame ("which page says", "a colleague says") is how it is asked, not what
  const framed = withoutPhrases(words, vocabulary.phrases.frames).join(' ');
  const modifiers = modifyingPhrases(framed.split(' '), vocabulary, known);
  const placed = placedWords(framed);
  const { wordnet } = english;
  for (const { word, term } of contentWords(framed, vocabulary)) {
    if (terms.includes(term) || dropped.includes(word)) continue;
    // "long term", "day to day": a phrase English writes as one describing word says how, not what
    if (modifiers.has(word)) {
      dropped.push(word);
      continue;
    }
    said.set(term, word);
    // a derivation the report uses stands for a word it uses too ("reduced" → reduction, "satisfied" → satisfaction)
    const derived = known.has(term) ? english.derivations(word).filter((d) => termOf(d) !== term && known.has(termOf(d))) : [];
    if (derived.length) {
      alternatives.set(term, [...(alternatives.get(term) ?? []), ...derived.map((d) => [termOf(d)])]);
      extraWords.push(...derived);
    }
    // the report's word, a cue, something the vocabulary expands, or a number
    if (/^\d/.test(term) && known.has(term)) figures.push(term);
    if (known.has(term) || cueTerms.has(term) || alternatives.has(term) || /^\d/.test(term)) {
      terms.push(term);
      // a word of general English ("say", "page", "think") frames a question; it is searched, not required
      if (english.isStopword(word)) optional.add(term);
      // a verb says how something is asked about ("handled", "dealing with"), the nouns what
      else if (!alternatives.has(term) && english.mostlyVerb(word)) verbs.add(term);
      continue;
    }
    // general English the report does not use: framing, filler, hedges, greetings; a prefix split from its
    // word ("pre-PEEL" → pre), or a prefixed word of general English ("pre-PEEL", "post-inspection"), names nothing of its own
    if (PREFIXES.has(word) || (word.includes('-') && PREFIXES.has(word.split('-')[0]!) && word.split('-').slice(1).every((w) => english.isStopword(w) || vocabulary.stopwords.has(w)))) continue;
    if (english.isStopword(word)) {
      dropped.push(word);
      continue;
    }
    // a dictionary form the report uses ("went" → go, "children" → child)
    const lemma = english.lemmas(word).find((l) => l !== word && known.has(termOf(l)));
    if (lemma) {
      terms.push(termOf(lemma));
      said.set(termOf(lemma), word);
      if (english.isStopword(lemma)) optional.add(termOf(lemma));
      extraWords.push(lemma);
      continue;
    }
    // "re-housing", "non-urgent": a prefixed word the report does not use stands for its main part, when the report uses that
    const main = word.includes('-') ? word.split('-').at(-1)! : '';
    if (main.length > 3 && known.has(termOf(main))) {
      alternatives.set(term, [[termOf(main)]]);
      terms.push(term);
      continue;
    }
    const inDictionary = english.inDictionary(word);
    // a typo of the report's word ("burgalry"): only a word no dictionary knows is taken for one
    const fixed = inDictionary ? null : correctTerm(term, known, byLength);
    if (fixed) {
      terms.push(fixed);
      said.set(fixed, word);
      correctedWords.push(fixed);
      continue;
    }
    // a word cut short ("excl", "incl", "admin"): the report's words it begins
    const clipped = inDictionary || capitalised.has(word) || word.length < 4 ? [] : [...known].filter((k) => k.length >= word.length + 2 && k.startsWith(word));
    if (clipped.length) {
      alternatives.set(term, clipped.map((k) => [k]));
      extraWords.push(...clipped);
      terms.push(term);
      continue;
    }
    // a slip of the keyboard typed in lower case ("wht", "actualy") is the general word it was meant to be
    const meant = inDictionary || capitalised.has(word) ? null : english.misspeltFrom(word);
    if ((meant && english.kind(meant) === 'general') || (!inDictionary && !capitalised.has(word) && /^[a-z]{2,4}$/.test(word))) {
      dropped.push(word);
      continue;
    }
    // a word in the place of a verb ("did the report flag that …") or of a predicate adjective ("ballpark is fine")
    // says how something is asked or judged, not what is asked about, when it is that part of speech at all
    const place = placed.get(word);
    if (inDictionary && place && wordnet.lookup(english.lemmas(word).find((l) => wordnet.lookup(l, place)) ?? word, place)) {
      dropped.push(word);
      continue;
    }
    // the report's words WordNet relates to it ("dropped" → fall, decline; "allocated" → allocation)
    const related = inDictionary ? [...new Set([...english.derivations(word).filter(isKnown), ...english.related(word, isKnown)])] : [];
    const kind = english.kind(word);
    if (related.length) {
      extraWords.push(...related);
      if (kind === 'general') {
        // searched through the report's words, never required
        dropped.push(word);
        continue;
      }
      alternatives.set(term, related.map((r) => contentTerms(r, vocabulary)));
      terms.push(term);
      continue;
    }
    if (kind === 'general') dropped.push(word);
    else {
      unknown.push(term);
      terms.push(term);
    }
  }
  // "the YJB or YOTs", "ROCU / NERSOU": words offered as alternatives, either of which answers; one the
  // reports never use is not asked of them when the other is theirs
  for (const [a, b] of offeredAlternatives(text.toLowerCase(), vocabulary)) {
    if (!terms.includes(a) || !terms.includes(b)) continue;
    alternatives.set(a, [...(alternatives.get(a) ?? []), [b]]);
    alternatives.set(b, [...(alternatives.get(b) ?? []), [a]]);
    for (const [x, y] of [[a, b], [b, a]] as const) {
      if (unknown.includes(x) && !unknown.includes(y)) {
        unknown.splice(unknown.indexOf(x), 1);
        terms.splice(terms.indexOf(x), 1);
        dropped.push(said.get(x) ?? x);
      }
    }
  }
  const expandedWords = rewriteWords(rewriteWords(words, vocabulary.phrases.acronyms, true), vocabulary.phrases.synonyms, true);
  // each word once: MiniSearch runs one query per word it reads
  const expanded = [...new Set([...expandedWords, ...correctedWords, ...extraWords, ...extraSearched].flatMap((w) => w.split(/\s+/)))].join(' ');
  return { plain: text.toLowerCase().replace(/\s+/g, ' ').trim(), normalised, expanded, terms: [...new Set(terms)], alternatives, unknown, optional, verbs, dropped, said, figures };
}
