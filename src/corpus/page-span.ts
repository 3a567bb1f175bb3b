/**
 * The pages a quote stands on. A paragraph (or a passage cut from one) can run across a page
 * break, often behind the footnotes of the page it starts on; a citation gives the page where its
 * quote starts and, when the quote runs onto a later page, that page too ("pp. 22–23"), so a
 * person who opens the report at the cited page finds the words.
 */
import type { PageBreak } from './schema.js';

/** A text that starts on `page` and runs onto the pages of its breaks. */
export interface Paged {
  text: string;
  page: number;
  pageBreaks?: PageBreak[];
}

/** The page on which the character at `offset` stands. */
export function pageAt(item: Omit<Paged, 'text'>, offset: number): number {
  let page = item.page;
  for (const b of item.pageBreaks ?? []) if (b.at <= offset) page = b.page;
  return page;
}

/** The first and last page of `quote` within the item's text (the whole text when it is not found there). */
export function pagesOf(item: Paged, quote: string = item.text): { page: number; lastPage: number } {
  const at = item.text.indexOf(quote);
  const from = at < 0 ? 0 : at;
  const to = at < 0 ? item.text.length : at + quote.length;
  return { page: pageAt(item, from), lastPage: pageAt(item, Math.max(from, to - 1)) };
}

/** The breaks of the slice [from, to) of a text, with offsets from the slice's start (absent when none). */
export function breaksWithin(breaks: PageBreak[] | undefined, from: number, to: number): PageBreak[] | undefined {
  const inside = (breaks ?? []).filter((b) => b.at > from && b.at < to).map((b) => ({ at: b.at - from, page: b.page }));
  return inside.length ? inside : undefined;
}

/** "p. 22", or "pp. 22–23" for a quote that runs onto a later page. */
export function pageLabel(where: { page: number; lastPage?: number | undefined }): string {
  return where.lastPage !== undefined && where.lastPage > where.page ? `pp. ${where.page}–${where.lastPage}` : `p. ${where.page}`;
}
