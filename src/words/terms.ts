import { createRequire } from 'node:module';
import { english } from './english.js';
import { baseForm } from './morphy.js';

/**
 * One way of reading words, for everything that compares a question with the report: MiniSearch's
 * `tokenize` and `processTerm`, the question's terms, the evidence check, classification and the
 * key-sentence picker all go through `tokenize` and `termOf`. A word becomes its dictionary form
 * (WordNet's morphy: went → go, children → child, fallen → fall), then its Porter2 stem
 * (wink-porter2-stemmer: investigation, investigating → investig), so the forms of a word meet.
 * Terms are for matching only: what is shown to a person is their own words or the report's.
 */

const require = createRequire(import.meta.url);
const porter2 = require('wink-porter2-stemmer') as (word: string) => string;

/** Splits a text into lower-case words: letters and digits, with inner hyphens, apostrophes, "%" and "&" kept ("anti-social", "e&w", "1,000"). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&\u2024-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/**
 * The words of a text as the index and the question read them: lower case, a possessive 's
 * dropped, numbers whole ("9,705" → "9705", "0.5" → "0.5"), and a hyphenated word followed by
 * its parts ("anti-social" → anti-social, anti, social), so either spelling meets the other.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let lower = text.toLowerCase();
  const numbers = /\d[.,]\d/.test(lower);
  if (numbers) lower = lower.replace(/(\d),(?=\d{3}\b)/g, '$1').replace(/(\d)\.(\d)/g, '$1\u2024$2');
  for (const m of lower.matchAll(WORD)) {
    let w = m[0];
    if (numbers) w = w.replace(/\u2024/g, '.');
    if (w.includes("'") || w.includes('’')) w = w.replace(/['’]s$/, '').replace(/['’]/g, "'");
    if (!w) continue;
    out.push(w);
    if (w.includes('-')) for (const part of w.split('-')) if (part) out.push(part);
  }
  return out;
}

const memo = new Map<string, string>();

/** A word's term: its dictionary form, then its Porter2 stem. Numbers and short words stay as they are. */
export function termOf(word: string): string {
  const known = memo.get(word);
  if (known !== undefined) return known;
  let term = word;
  if (word.includes('-')) {
    // "co-ordinators" → co-ordin: the last part carries the inflection
    const parts = word.split('-');
    term = [...parts.slice(0, -1), termOf(parts.at(-1)!)].join('-');
  } else if (/^[a-z][a-z']*[a-z]$/.test(word) && word.length > 2) {
    const { wordnet } = english();
    const verb = baseForm(wordnet, word, 'verb');
    const base = verb !== word ? verb : baseForm(wordnet, word, 'noun');
    term = porter2(base);
  }
  // a bounded memo: the report's words are few, a question's are a handful
  if (memo.size > 50_000) memo.clear();
  memo.set(word, term);
  return term;
}
