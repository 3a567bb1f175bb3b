/** The content words of a text as the index reads them: lower case, stopwords out, stemmed. */
import { termOf, tokenize } from '../words/terms.js';
import type { Vocabulary } from './vocabulary.js';

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
