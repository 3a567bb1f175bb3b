/**
 * Tables that survived as text: runs of chunks whose lines end in numbers ("Sexual offences 1.8
 * 1.6", "Drug activity 85%"), with header and legend lines around them. Pure.
 */
import { GRADES, type Value } from './schema.js';
import type { Line } from './pages.js';
import { collapseSpaces, endsSentence } from './text.js';

/** A table row: a label, then one or more numbers. */
export const ROW = /^(.*?\S)\s+((?:\d[\d,]*(?:\.\d+)?%?)(?:\s+\d[\d,]*(?:\.\d+)?%?)*)$/;
/** How a main question heading begins. */
export const QUESTION_START = /^(?:How|What|Which|Why|To what extent)\b/;

export interface TableSpan {
  role: 'header' | 'rows' | 'legend';
  tableStart: number;
}

export function isRowLine(text: string): boolean {
  const m = ROW.exec(collapseSpaces(text));
  if (!m || /^Figure \d/.test(text.trim())) return false;
  const values = m[2]!.split(/\s+/);
  return values.length >= 2 || values[0]!.endsWith('%');
}

export function isLabelLine(text: string): boolean {
  const t = collapseSpaces(text);
  return t.length > 0 && t.length <= 90 && !endsSentence(t) && !t.startsWith('•') && !/^Figure \d|^Source:/.test(t) && !QUESTION_START.test(t);
}

export function findTables(chunks: Line[][]): Map<number, TableSpan> {
  const spans = new Map<number, TableSpan>();
  const kind = (c: Line[]): 'rows' | 'label' | 'other' => {
    const rows = c.filter((l) => isRowLine(l.text)).length;
    if (rows > 0 && c.every((l) => isRowLine(l.text) || isLabelLine(l.text))) return 'rows';
    if (c.length <= 3 && c.every((l) => isLabelLine(l.text)) && !(GRADES as readonly string[]).includes(collapseSpaces(c.map((l) => l.text).join(' ')).toLowerCase()))
      return 'label';
    return 'other';
  };
  const kinds = chunks.map(kind);
  let i = 0;
  while (i < chunks.length) {
    if (kinds[i] !== 'rows') {
      i++;
      continue;
    }
    const page = chunks[i]![0]!.page;
    let start = i;
    while (start > 0 && kinds[start - 1] === 'label' && chunks[start - 1]![0]!.page === page) start--;
    let end = i;
    while (end + 1 < chunks.length && kinds[end + 1] !== 'other' && chunks[end + 1]![0]!.page === page) end++;
    const rowLines = chunks.slice(i, end + 1).flat().filter((l) => isRowLine(l.text)).length;
    if (rowLines >= 2) {
      for (let k = start; k <= end; k++) {
        spans.set(k, { role: k < i ? 'header' : kinds[k] === 'rows' || k < lastRowChunk(kinds, i, end) ? 'rows' : 'legend', tableStart: start });
      }
    }
    i = end + 1;
  }
  return spans;
}

function lastRowChunk(kinds: string[], from: number, to: number): number {
  let last = from;
  for (let k = from; k <= to; k++) if (kinds[k] === 'rows') last = k;
  return last;
}

export function parseValue(text: string): Value {
  return { text, number: Number(text.replace(/[,%]/g, '')) };
}
