/**
 * Joining the lines of a PDF's text back into the words the authors wrote.
 *
 * A line that ends in "word-" may be a hyphenated word ("problem-\nsolving") or a word the
 * typesetter split; which one is decided by the words that occur whole elsewhere in the same
 * text, never by a list of exceptions.
 */

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const WORD_UNIT = /[\p{L}\p{N}]/u;

/** A token without its leading and trailing punctuation ("(PEEL)" → "PEEL"). */
function trimPunctuation(token: string): string {
  // most tokens start and end with a letter or digit: skip the global Unicode regex for them,
  // it was most of the lexicon's time
  if (WORD_UNIT.test(token.charAt(0)) && WORD_UNIT.test(token.charAt(token.length - 1))) return token;
  return token.replace(EDGE_PUNCTUATION, '');
}

/** Words that occur whole inside the text's lines, for deciding line-end hyphens. */
export interface Lexicon {
  /** lowercased tokens that carry a hyphen inside a line ("anti-social") */
  hyphenated: Set<string>;
  /** lowercased tokens without a hyphen ("coordinated") */
  plain: Set<string>;
}

/** Collects the whole words of a text (its line-end fragments excluded). */
export function buildLexicon(text: string): Lexicon {
  const hyphenated = new Set<string>();
  const plain = new Set<string>();
  for (const line of text.split('\n')) {
    const tokens = line.trim().split(/\s+/);
    tokens.forEach((raw, i) => {
      // the last token of a line that ends in a hyphen is a fragment, not a whole word
      if (i === tokens.length - 1 && /-$/.test(raw)) return;
      const token = trimPunctuation(raw).toLowerCase();
      if (!token) return;
      (token.includes('-') ? hyphenated : plain).add(token);
      // the parts of "anti-social-behaviour" are words in their own right too
      if (token.includes('-')) {
        const parts = token.split('-');
        for (let k = 0; k + 1 < parts.length; k++) hyphenated.add(`${parts[k]}-${parts[k + 1]}`);
      }
    });
  }
  return { hyphenated, plain };
}

/** A token that is (the start of) a web address: "www.gov.uk/…", "http://…", "…/file.pdf". */
function isAddressFragment(token: string): boolean {
  return /^(?:\(?www\.|https?:)/i.test(token) || (token.includes('/') && !/\s/.test(token) && /[._]/.test(token));
}

/** The text after the last whitespace, found from the end. */
function lastTokenOf(text: string): string {
  let i = text.length;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return text.slice(i);
}

/**
 * How two lines meet: '' (no space, the word or address continues), '-' kept without a space
 * (a real hyphen split at the line end), or ' ' (a new word).
 */
function lineJoint(previous: string, next: string, lexicon: Lexicon): { trimPrevious: number; glue: string } {
  const prev = previous.trimEnd();
  const nextStart = next.trimStart();
  // only the end of `previous` matters, and it may be a whole paragraph joined so far: scanning all
  // of it per line made joining quadratic (tens of ms for the seed)
  const lastToken = lastTokenOf(prev);
  const firstToken = nextStart.split(/\s+/, 1)[0] ?? '';
  // An address split over two lines continues without a space unless it visibly ended.
  if (isAddressFragment(lastToken) && /[\p{L}\p{N}_-]$/u.test(lastToken) && !/\.(?:pdf|html?|aspx?)$/i.test(lastToken)) {
    return { trimPrevious: 0, glue: '' };
  }
  const split = /(\p{L}+)-$/u.exec(lastToken);
  const head = split?.[1];
  if (head) {
    const tail = /^\p{L}+/u.exec(firstToken)?.[0];
    if (tail) {
      const hyphenated = `${head}-${tail}`.toLowerCase();
      const joined = `${head}${tail}`.toLowerCase();
      if (lexicon.hyphenated.has(hyphenated)) return { trimPrevious: 0, glue: '' };
      if (lexicon.plain.has(joined)) return { trimPrevious: 1, glue: '' };
      // Neither form occurs whole: a hyphen before a capital or a digit is real; else mend.
      if (/^[\p{Lu}\p{N}]/u.test(tail)) return { trimPrevious: 0, glue: '' };
      return { trimPrevious: 1, glue: '' };
    }
  }
  return { trimPrevious: 0, glue: ' ' };
}

/** Joins the lines of one block into running text, mending split words. */
export function joinLines(lines: readonly string[], lexicon: Lexicon): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) {
      out = line;
      continue;
    }
    const { trimPrevious, glue } = lineJoint(out, line, lexicon);
    out = out.trimEnd();
    if (trimPrevious) out = out.slice(0, -trimPrevious);
    out += glue + line;
  }
  return collapseSpaces(out);
}

/** Runs of spaces (PDF column padding) become one space; the text is trimmed. */
export function collapseSpaces(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, ' ').trim();
}

/** True when a text ends a sentence or a clause that a list or table may follow. */
export function endsSentence(text: string): boolean {
  return /[.?!:;]["'”’)\]]*$/.test(text.trimEnd());
}

/** Splits running text into sentences, keeping each sentence verbatim. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  // a sentence ends at . ? ! followed by a space and a capital, a digit or an opening quote;
  // "e.g. theft" and "(i.e. crimes" do not end one
  const re = /(?<!\b(?:e\.g|i\.e|etc|approx|no|vs))[.?!]["'”’)]*\s+(?=[\p{Lu}\p{N}‘“'"(])/gu;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].trimEnd().length;
    out.push(text.slice(start, end).trim());
    start = (m.index ?? 0) + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
