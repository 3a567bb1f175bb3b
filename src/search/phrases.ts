/**
 * Phrase lookup by words: a question is split into words once, and every phrase of the
 * vocabulary (cues, aliases, acronyms, synonyms) is found by looking its words up in a map —
 * no per-phrase regular expression on the hot path.
 */

/** Lower-cased words of a text, split where `tokenize` splits them; edge punctuation and a possessive 's go, "%", "e&w", "1,000" and "anti-social" stay whole. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    // the word breaks `tokenize` reads too: "gangs/OCGs", "(ASB)", "crime,asb" are two words; "1,000" and "0.5" stay one
    .split(/[\s/\\()[\]{}<>|;!?"“”*=~…]+|,(?!\d{3}\b)|(?<!\d),/)
    .map((w) => w.replace(/^[^\p{L}\p{N}%&]+|[^\p{L}\p{N}%&]+$/gu, '').replace(/['’]s$/, ''))
    .filter(Boolean);
}

export interface PhraseMatch<T> {
  /** index of the first word */
  at: number;
  /** how many words */
  length: number;
  value: T;
}

/** A set of phrases (each with a value), found in a list of words by their longest match first. */
export class PhraseIndex<T> {
  private readonly byWords = new Map<string, T>();
  /** every phrase's first words ("multi agency" of "multi agency safeguarding hub"): past a run of words no phrase begins with, none is looked for */
  private readonly starts = new Set<string>();
  private maxLength = 0;

  constructor(entries: Iterable<[string, T]>) {
    for (const [phrase, value] of entries) {
      const words = wordsOf(phrase);
      if (words.length === 0) continue;
      const key = words.join(' ');
      if (!this.byWords.has(key)) this.byWords.set(key, value);
      for (let n = 1; n < words.length; n++) this.starts.add(words.slice(0, n).join(' '));
      this.maxLength = Math.max(this.maxLength, words.length);
    }
  }

  /** Every phrase standing in `words`, overlapping ones included. */
  findAll(words: readonly string[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < words.length; i++) {
      let key = '';
      for (let n = 1; n <= this.maxLength && i + n <= words.length; n++) {
        key = n === 1 ? words[i]! : `${key} ${words[i + n - 1]}`;
        const value = this.byWords.get(key);
        if (value !== undefined) out.push({ at: i, length: n, value });
        if (!this.starts.has(key)) break;
      }
    }
    return out;
  }

  /** Non-overlapping matches, the longest at each position, left to right. */
  findLongest(words: readonly string[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < words.length; ) {
      let best: PhraseMatch<T> | null = null;
      let key = '';
      for (let n = 1; n <= this.maxLength && i + n <= words.length; n++) {
        key = n === 1 ? words[i]! : `${key} ${words[i + n - 1]}`;
        const value = this.byWords.get(key);
        if (value !== undefined) best = { at: i, length: n, value };
        if (!this.starts.has(key)) break;
      }
      if (best) {
        out.push(best);
        i += best.length;
      } else i++;
    }
    return out;
  }
}

/** The words with every phrase of an index taken out. */
export function withoutPhrases(words: string[], index: PhraseIndex<unknown>): string[] {
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
export function rewriteWords(words: string[], index: PhraseIndex<string>, keep: boolean): string[] {
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
