import type MiniSearch from 'minisearch';

/**
 * MiniSearch's own OR search (exact terms, BM25, field boosts, a document boost), scored from
 * postings read once per index and term instead of built into maps and objects per query: the
 * same results in the same order, bit for bit, at a fraction of the cost. The search was most of
 * a long question's answer time (a 35-word question: 0.9 ms of its 1.7 ms), nearly all of it
 * MiniSearch allocating a result per term and document.
 *
 * It reads MiniSearch's index as 7.2 lays it out (package.json pins the version); a query it does
 * not cover (prefix, fuzzy, AND, a term boost, an index with removed documents) goes to MiniSearch.
 */

export interface Scored {
  id: string;
  score: number;
}

export interface ScoreOptions {
  /** the query's terms (else the index's processTerm) */
  processTerm?: (term: string) => string | null;
  /** a document's boost by its id, as MiniSearch's boostDocument (0 leaves it out); asked once per document and query */
  boostDocument?: (id: string, term: string) => number;
  combineWith?: 'OR';
}

/** The index's inside, as MiniSearch 7.2 keeps it. */
interface Inside {
  _options: { fields: string[]; tokenize: (text: string) => string[]; processTerm: (term: string) => string | null; searchOptions?: Record<string, unknown> };
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _fieldIds: Record<string, number>;
  _documentIds: Map<number, string>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _dirtCount: number;
  _nextId: number;
}

/** One term's postings: per field in the order MiniSearch reads them, its boost, documents and raw BM25 scores. */
type Postings = { boost: number; docs: Int32Array; raw: Float64Array }[];

const postingsByIndex = new WeakMap<object, Map<string, Postings>>();

interface Bm25 {
  k: number;
  b: number;
  d: number;
}

/** MiniSearch's calcBM25Score, the same expression. */
function bm25(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number, { k, b, d }: Bm25): number {
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}

/** Whether the index is laid out as this scorer reads it and its own search options leave a query as it scores one. */
function plain(inside: Inside): boolean {
  // a MiniSearch laid out otherwise (another version) is searched by MiniSearch itself, never misread
  if (typeof inside._index?.get !== 'function' || !(inside._documentIds instanceof Map) || !(inside._fieldLength instanceof Map) || !inside._options) return false;
  // (MiniSearch fills in its defaults: OR, bm25's parameters, the prefix and fuzzy weights, unused without either)
  const o = inside._options.searchOptions ?? {};
  return !o.prefix && !o.fuzzy && !o.boostTerm && !o.fields && !o.filter && String(o.combineWith ?? 'or').toLowerCase() === 'or' && inside._dirtCount === 0;
}

function postingsOf(inside: Inside, term: string): Postings | null {
  let byTerm = postingsByIndex.get(inside);
  if (!byTerm) postingsByIndex.set(inside, (byTerm = new Map()));
  const known = byTerm.get(term);
  if (known) return known;
  const data = inside._index.get(term);
  if (!data) return null;
  const boosts = (inside._options.searchOptions?.boost ?? {}) as Record<string, number>;
  const params = (inside._options.searchOptions?.bm25 ?? { k: 1.2, b: 0.7, d: 0.5 }) as Bm25;
  const out: Postings = [];
  for (const field of inside._options.fields) {
    const fieldId = inside._fieldIds[field]!;
    const freqs = data.get(fieldId);
    if (!freqs) continue;
    const docs = new Int32Array(freqs.size);
    const raw = new Float64Array(freqs.size);
    let i = 0;
    for (const [docId, termFreq] of freqs) {
      docs[i] = docId;
      raw[i++] = bm25(termFreq, freqs.size, inside._documentCount, inside._fieldLength.get(docId)![fieldId]!, inside._avgFieldLength[fieldId]!, params);
    }
    out.push({ boost: (Object.hasOwn(boosts, field) && boosts[field]) || 1, docs, raw });
  }
  byTerm.set(term, out);
  return out;
}

/** The documents matching any of the query's terms, best first, as `index.search(query, options)` scores and orders them. */
export function searchOr<T>(index: MiniSearch<T>, query: string, options: ScoreOptions = {}): Scored[] {
  const inside = index as unknown as Inside;
  if (!plain(inside)) return index.search(query, options as object).map((r) => ({ id: String(r.id), score: r.score }));
  const processTerm = options.processTerm ?? inside._options.processTerm;
  const terms = inside._options.tokenize(query).map((w) => processTerm(w)).filter((t): t is string => !!t);
  const size = inside._nextId;
  const work = scratchFor(size);
  try {
    const order = accumulate(inside, terms, options, work);
    return order.map((d) => ({ id: inside._documentIds.get(d)!, score: work.total[d]! * work.quality[d]! })).sort((a, b) => b.score - a.score);
  } finally {
    // the scratch left as found, for the next search
    work.quality.fill(0, 0, size);
    work.inTerm.fill(0, 0, size);
    work.boosts.fill(NaN, 0, size);
  }
}

/** Each term's postings added up per document, as MiniSearch's OR does: the documents met, in the order first met (their scores and qualities in `work`). */
function accumulate(inside: Inside, terms: string[], options: ScoreOptions, work: Scratch): number[] {
  const { total, quality, termScore, inTerm, boosts } = work;
  const order: number[] = [];
  const seenTerms = new Set<string>();
  // a document's boost asked once per query, not once per term it holds (the boosts given depend on the document alone)
  const boostOf = (d: number, term: string) => {
    if (Number.isNaN(boosts[d])) boosts[d] = options.boostDocument!(inside._documentIds.get(d)!, term);
    return boosts[d]!;
  };
  for (const term of terms) {
    const postings = postingsOf(inside, term);
    const again = seenTerms.has(term);
    seenTerms.add(term);
    if (!postings) continue;
    // this term's score per document, fields in order, documents in the order the term first meets them
    const touched: number[] = [];
    for (const { boost, docs, raw } of postings) {
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        const docBoost = options.boostDocument ? boostOf(d, term) : 1;
        if (!docBoost) continue;
        const weighted = boost * docBoost * raw[i]!;
        if (inTerm[d]) termScore[d] = termScore[d]! + weighted;
        else {
          inTerm[d] = 1;
          termScore[d] = weighted;
          touched.push(d);
        }
      }
    }
    // OR: a document new to the query comes after those already met; a term met twice counts once in the quality
    for (const d of touched) {
      if (quality[d] === 0) {
        order.push(d);
        total[d] = termScore[d]!;
        quality[d] = 1;
      } else {
        total[d] = total[d]! + termScore[d]!;
        if (!again) quality[d]!++;
      }
      inTerm[d] = 0;
    }
  }
  return order;
}

/** Per-document scratch of one search, kept between searches (they run one at a time): zero quality, NaN boosts, inTerm 0. */
interface Scratch {
  total: Float64Array;
  quality: Int32Array;
  termScore: Float64Array;
  inTerm: Uint8Array;
  boosts: Float64Array;
}

let scratch: Scratch = { total: new Float64Array(0), quality: new Int32Array(0), termScore: new Float64Array(0), inTerm: new Uint8Array(0), boosts: new Float64Array(0) };

function scratchFor(size: number): Scratch {
  if (scratch.total.length < size) {
    const n = Math.max(size, 2 * scratch.total.length);
    scratch = { total: new Float64Array(n), quality: new Int32Array(n), termScore: new Float64Array(n), inTerm: new Uint8Array(n), boosts: new Float64Array(n).fill(NaN) };
  }
  return scratch;
}
