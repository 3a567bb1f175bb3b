/**
 * Abbreviations spelt out from a report's own words: "MASH" is the "multi-agency safeguarding hub"
 * the report writes, "DA" its "domestic abuse". People type the short form; the report often
 * never uses it.
 */

/** The words of an expansion of `abbreviation` in a text ("PEEL" → "police effectiveness, efficiency and legitimacy"), or null. */
export function expansionIn(abbreviation: string, text: string): string | null {
  const letters = abbreviation.toLowerCase().replace(/[^a-z]/g, '');
  if (letters.length < 2) return null;
  const words = text.split(/\s+/);
  const skip = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'to', '&']);
  for (let i = 0; i < words.length; i++) {
    let k = 0;
    let j = i;
    while (j < words.length && k < letters.length) {
      const w = words[j]!.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase();
      if (!w) break;
      if (skip.has(w) && k > 0) {
        j++;
        continue;
      }
      // a hyphenated word may give one letter per part ("multi-agency" → MA)
      const parts = w.split('-').filter(Boolean);
      let matched = 0;
      while (matched < parts.length && parts[matched]![0] === letters[k + matched]) matched++;
      if (matched === 0) break;
      k += matched === parts.length ? matched : 1;
      j++;
    }
    if (k === letters.length && j - i >= 2) return words.slice(i, j).join(' ').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  }
  return null;
}

