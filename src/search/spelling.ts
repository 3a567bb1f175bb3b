/** Typos: the report's term nearest a misspelt word, by edit distance over terms of about its length. */

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

/** Corrections already worked out, per report's terms by length (with the known terms they come from): a misspelling recurs, its search over the report's terms need not. */
const corrections = new WeakMap<Map<number, string[]>, Map<string, string | null>>();

/** The known term nearest a misspelt one (one edit for short words, two for long), or null. */
export function correctTerm(term: string, known: Set<string>, byLength: Map<number, string[]>): string | null {
  if (known.has(term) || term.length < 5) return null;
  let memo = corrections.get(byLength);
  if (!memo) corrections.set(byLength, (memo = new Map()));
  const done = memo.get(term);
  if (done !== undefined) return done;
  const best = nearest(term, byLength);
  if (memo.size > 5_000) memo.clear();
  memo.set(term, best);
  return best;
}

function nearest(term: string, byLength: Map<number, string[]>): string | null {
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
  for (const t of terms) {
    const same = out.get(t.length);
    if (same) same.push(t);
    else out.set(t.length, [t]);
  }
  return out;
}
