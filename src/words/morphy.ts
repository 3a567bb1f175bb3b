import { createRequire } from 'node:module';
import type { WordNet } from './wordnet.js';

/**
 * A word's dictionary form, as WordNet's morphy(7WN) finds it: the exception lists first ("went" →
 * go, "children" → child, "worse" → bad), then the detachment rules of each part of speech, a
 * candidate kept only when WordNet's index holds it. The exception lists are WordNet's own
 * (verb.exc, noun.exc, adj.exc) as the wink-lexicon package ships them; the index is ours
 * (wordnet.ts), so no second lexicon is held in memory.
 */

const require = createRequire(import.meta.url);
type Exceptions = Record<string, string>;
let exceptions: { verb: Exceptions; noun: Exceptions; adj: Exceptions } | null = null;
function exceptionLists() {
  exceptions ??= {
    verb: require('wink-lexicon/src/wn-verb-exceptions.js') as Exceptions,
    noun: require('wink-lexicon/src/wn-noun-exceptions.js') as Exceptions,
    adj: require('wink-lexicon/src/wn-adjective-exceptions.js') as Exceptions,
  };
  return exceptions;
}

/** morphy's detachment rules: [suffix, replacement] per part of speech. */
const RULES: Record<'noun' | 'verb' | 'adj', [string, string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
};

/** The base form of a word in one part of speech, or the word itself when WordNet knows none. */
export function baseForm(wordnet: WordNet, word: string, pos: 'noun' | 'verb' | 'adj'): string {
  const exception = exceptionLists()[pos][word];
  if (exception) return exception;
  if (wordnet.lookup(word, pos)) return word;
  for (const [suffix, replacement] of RULES[pos]) {
    if (!word.endsWith(suffix) || word.length <= suffix.length + 1) continue;
    const candidate = word.slice(0, -suffix.length) + replacement;
    if (wordnet.lookup(candidate, pos)) return candidate;
  }
  return word;
}
