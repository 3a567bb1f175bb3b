import { readFileSync } from 'node:fs';

/** One footnote marker as it stands in report.txt (golden, checked by hand). */
export interface Marker {
  line: number;
  marked: string;
  clean: string;
  footnotes: number[];
}

export const MARKERS: Marker[] = (
  JSON.parse(readFileSync(new URL('./fixtures/footnote-markers.json', import.meta.url), 'utf8')) as { markers: Marker[] }
).markers;
