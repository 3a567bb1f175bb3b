/**
 * What the shape of a question says about its words: words offered as alternatives ("X or Y"),
 * phrases English writes as one describing word ("long term"), a word's part of speech from its
 * place ("did the report flag …"), phrasal verbs ("hand out"), hyphenated prefixes ("pre-"), abbreviations
 * a question glosses itself ("a MASH (multi agency safeguarding hub)") and question words as chat spells them.
 */
import { termOf } from '../words/terms.js';
import { contentTerms } from './content.js';
import type { Vocabulary } from './vocabulary.js';

/** Pairs of terms a text offers as alternatives: "X or Y", "X / Y" (a word each side, an article allowed after "or"), "X (Y)" (a name in brackets after a word: "the phone investigation desk (ICMT?)"). */
export function offeredAlternatives(text: string, vocabulary: Vocabulary): [string, string][] {
  const out: [string, string][] = [];
  // (overlapping: "outstanding / good / RI" offers each beside the next)
  for (const m of text.matchAll(/(?<![\p{L}'’-])([\p{L}][\p{L}'’-]*)(?=\s*(?:\/|\s+or\s+(?:the\s+|a\s+|an\s+)?|\s*\((?=[\p{L}'’-]+\s*\??\s*\)))\s*([\p{L}][\p{L}'’-]*))/gu)) {
    const [a] = contentTerms(m[1]!, vocabulary);
    const [b] = contentTerms(m[2]!, vocabulary);
    if (a && b && a !== b) out.push([a, b]);
  }
  // "offender mgmt (IOM, MAPPA, RSOs)": a list in brackets gives examples, any one of which answers
  for (const m of text.matchAll(/\(([^()]+)\)/g)) {
    const items = m[1]!.split(/\s*,\s*(?:and\s+|or\s+|&\s+)?|\s+(?:and|or|&)\s+/).map((i) => i.trim());
    if (items.length < 3 || !items.every((i) => /^[\p{L}][\p{L}'’-]*$/u.test(i))) continue;
    for (let i = 0; i + 1 < items.length; i++) {
      const [a] = contentTerms(items[i]!, vocabulary);
      const [b] = contentTerms(items[i + 1]!, vocabulary);
      if (a && b && a !== b) out.push([a, b]);
    }
  }
  return out;
}

const describingPairs = new Map<string, boolean>();

/**
 * Words of two-word phrases that WordNet knows only as one adjective or adverb ("long term" →
 * long-term, "right away"): they describe what is asked, never name it, even where the report
 * writes them too ("a more long-term solution").
 */
export function modifyingPhrases(words: string[], vocabulary: Vocabulary, known: Set<string>): Set<string> {
  const out = new Set<string>();
  const { wordnet } = vocabulary.english;
  // "longer-run": one hyphenated word the reports do not use that English knows only as describing (its parts
  // in their dictionary form); one they use ("high-risk") may be what is asked about
  for (const w of words) {
    if (!/^[a-z]+(?:-[a-z]+)+$/.test(w) || known.has(termOf(w))) continue;
    const parts = w.split('-');
    const base = parts.map((p) => vocabulary.english.lemmas(p).find((l) => l !== p && wordnet.lookup(l, 'adj')) ?? p).join('-');
    if ([w, base].some((j) => wordnet.describingOnly(j))) {
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
      describes = [`${a}-${b}`, key].some((j) => wordnet.describingOnly(j));
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
export function placedWords(text: string): Map<string, 'verb' | 'adj'> {
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
export const PREFIXES = new Set(['pre', 'post', 'non', 'anti', 'ex', 're', 'co', 'sub', 'mid', 'semi', 'multi', 'inter', 'intra', 'over', 'under', 'self']);


/** Words that show a question asks what the report says, not who told the asker: "does the report say", "what did they say". */
const ASKS_THE_REPORT = /^(?:the|report|hmic\w*|it|they|inspectors?|inspectorate|you|u|does|did|do|what|which|where|how|why|when|who)$/i;

/**
 * The words of who put a claim or a question to the asker ("constituents keep saying ASB is double …", "my client says …",
 * "residents keep asking"): the subject of a verb of saying or asking at the start of a clause, unless it is the report or a question word. They
 * say how the question came to be asked, not what it is about.
 */
export function claimSources(text: string): Set<string> {
  const out = new Set<string>();
  const said = /(?:^|[.?!,;:(–—-]\s*|\b(?:and|but|so)\s+)((?:[\p{L}'’]+\s+){1,3}?)(?:(?:keep|keeps|kept|always|often|still|all)\s+)?(?:say|says|said|saying|tell|tells|told|reckon|reckons|claim|claims|claiming|complain|complains|complaining|ask|asks|asked|asking|wonder|wonders|wondered|wondering)\b/giu;
  for (const m of text.matchAll(said)) {
    const words = m[1]!.trim().split(/\s+/);
    if (words.some((w) => ASKS_THE_REPORT.test(w))) continue;
    for (const w of words) out.add(w.toLowerCase());
  }
  return out;
}

/**
 * The word a question of why grades what it asks about by ("why so slow", "why is it so bad", "how come they're too
 * stretched"): an adjective after "so" or "too", how the asker sees the thing, not what is asked about.
 */
export function gradedBy(english: Vocabulary['english'], text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(?:why|how come)\b[^.?!]*?\b(?:so|too)\s+([a-z]+)\b/gi)) {
    const w = m[1]!.toLowerCase();
    if (english.wordnet.lookup(w, 'adj')) out.add(w);
  }
  return out;
}

/**
 * Abbreviations a question glosses itself: "a MASH (multi agency safeguarding hub)", "the regional unit (ROCU)",
 * "DA (domestic abuse)": the abbreviation typed in capitals and the words in brackets after it (further on, those
 * that spell it), or the words
 * before its brackets whose initials it holds in order (the last word's initial its last, the first's its first).
 */
export function glossedAbbreviations(text: string): { abbreviation: string; gloss: string[] }[] {
  const out: { abbreviation: string; gloss: string[] }[] = [];
  for (const m of text.matchAll(/\b([A-Z]{2,6})s?\b(.{0,40}?)\(([^()]{3,60})\)/g)) {
    const words = m[3]!.split(/[^\p{L}'’-]+/u).filter(Boolean);
    // right after it, any words gloss it ("ICMT (telephone investigation team)"); further on, words that spell it ("a MASH at all? (multi agency safeguarding hub)")
    const spelt = words.slice(0, m[1]!.length);
    const gloss = /^\s*$/.test(m[2]!) ? words : spelt.map((w) => w[0]!.toLowerCase()).join('') === m[1]!.toLowerCase() ? spelt : [];
    if (gloss.length >= 2) out.push({ abbreviation: m[1]!, gloss });
  }
  for (const m of text.matchAll(/((?:[\p{L}'’-]+\s+){1,6})\(([A-Z]{2,6})s?\)/gu)) {
    const letters = m[2]!.toLowerCase();
    const before = m[1]!.trim().split(/\s+/);
    const gloss: string[] = [];
    let at = letters.length - 1;
    for (let i = before.length - 1; i >= 0 && at >= 0; i--) {
      const found = letters.lastIndexOf(before[i]![0]!.toLowerCase(), at);
      // (the last word must end the abbreviation: "the unit (ROCU)", not "the team (MOSOVO)")
      if (found < 0 || (gloss.length === 0 && found !== letters.length - 1)) break;
      gloss.unshift(before[i]!);
      at = found - 1;
    }
    if (gloss.length >= 2 && gloss[0]![0]!.toLowerCase() === letters[0]) out.push({ abbreviation: m[2]!, gloss });
  }
  return out;
}

/** "ARMS-style", "IOM-type", "MASH-like": a thing and a word saying the asker means one like it, read as two words. */
export function likeParts(word: string): string[] {
  const m = /^(.+)-(style|type|like|esque|ish)$/.exec(word);
  return m ? [m[1]!, m[2]!] : [word];
}

/** Question words as chat spells them ("wat does … mean", "y cant they …", "wen did it start", "whos the …"), spelt out: they decide what kind of answer is asked for. */
export function questionWordsSpelt(plain: string): string {
  return plain
    .replace(/\b(?:wat|wot|wut)\b/g, 'what')
    .replace(/\b(?:wats|wots|whats)\b/g, "what's")
    .replace(/\b(who|how|where|when)s\b/g, "$1's")
    .replace(/(^|[^\p{L}'’])y(?= (?:is|are|was|were|did|do|does|has|have|had|cant|can't|can|arent|aren't|isnt|isn't|dont|don't|didnt|didn't|havent|haven't|would|wouldn't|should|not|no)\b)/gu, '$1why')
    .replace(/\bwen\b/g, 'when')
    .replace(/\bhw\b/g, 'how');
}

/** True when WordNet knows a word only as an adverb ("properly", "actually"): never a noun, verb or adjective. */
export function onlyAdverb(english: Vocabulary['english'], word: string): boolean {
  const { wordnet } = english;
  return wordnet.lookup(word, 'adv') !== null && !(['noun', 'verb', 'adj'] as const).some((p) => wordnet.lookup(word, p) !== null);
}

/** True when a hyphenated word is one WordNet knows only as an adjective or adverb ("long-term", "day-to-day"). */
export function onlyDescribing(english: Vocabulary['english'], word: string): boolean {
  return word.includes('-') && english.wordnet.describingOnly(word);
}

/** "per million ppl", "per 1,000 residents", "per head": a rate per so many people is per so much population, as the reports write it. */
export function perPopulation(words: string[]): string[] {
  const out = [...words];
  for (let i = 0; i + 2 < out.length; i++) {
    if (out[i] === 'per' && /^(?:1,000|million)$/.test(out[i + 1]!) && /^(?:people|ppl|persons|residents|inhabitants|pop|head)$/.test(out[i + 2]!)) out[i + 2] = 'population';
  }
  return out;
}
