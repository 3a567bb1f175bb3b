import { describe, expect, it } from 'vitest';
import { blockStarting, seed } from './seed.js';

/**
 * Golden pages: blocks checked by hand against report.txt, each with the reason its page is
 * right. Pages count the lines that open with one space (page n starts at the n-th of them).
 */
const GOLDEN: { starts: string; line: number; page: number; why: string }[] = [
  { starts: 'Overall, Cleveland Police requires improvement', line: 10, page: 1, why: 'line 1 opens page 1; the overall judgment text follows its grade on the same page' },
  { starts: 'The force has a good understanding of the threat', line: 46, page: 2, why: 'line 46 opens page 2 right after footnote 1 closes page 1' },
  { starts: 'The public expects their local police force to:', line: 261, page: 7, why: 'line 258 ("Force in numbers", a chart page) is page 6, line 259 ("Introduction") opens page 7' },
  { starts: 'To answer this question we looked at four', line: 308, page: 8, why: 'line 308 opens page 8 after page 7 ended on its link annotation (line 307)' },
  { starts: 'The police’s ability to prevent crime', line: 345, page: 9, why: 'the first main question opens page 9 at line 342' },
  { starts: 'Figure 2: Police recorded crime rates', line: 391, page: 10, why: 'page 10 opens at line 380 with Figure 1; Figure 2’s caption follows on the same page' },
  { starts: 'Recorded crime (excluding fraud) 78.7 63.0', line: 402, page: 11, why: 'the table text follows line 398 (" Cleveland Police England and Wales"), which opens page 11, the chart page' },
  { starts: 'HMIC has chosen these types of crime', line: 413, page: 12, why: 'line 413 opens page 12 straight after the table of page 11' },
  { starts: 'In HMIC’s crime inspection in 2014, we made a recommendation for analysis', line: 442, page: 13, why: 'line 442 opens page 13' },
  { starts: 'Cleveland Police contributes effectively to partnership working', line: 531, page: 15, why: 'line 531 opens page 15' },
  { starts: 'The force works well with partner organisations and we found', line: 576, page: 16, why: 'page 16 opens at line 559; this paragraph (marker 3) is above page 16’s footnote rule at line 601' },
  { starts: 'Cleveland Police has undertaken an evaluation of anti-social behaviour', line: 606, page: 17, why: 'starts at line 606 after page 16’s footnote 3 and link line: a new page (17), a new paragraph of the summary' },
  { starts: 'The force should ensure that the prevention of crime', line: 616, page: 17, why: 'first area for improvement, under the heading at line 615, before page 18 opens at line 628' },
  { starts: 'Figure 4: Outcomes recorded in the 12 months', line: 668, page: 19, why: 'line 668 opens page 19 with the caption' },
  { starts: 'Charged/Summonsed 9,705', line: 707, page: 19, why: 'the table text stands after page 19’s footnotes 4-7 (lines 689-700) and before page 20 opens at line 726' },
  { starts: 'The force’s ability to provide effective digital investigation is limited', line: 809, page: 21, why: 'begins at line 809 on page 21; its end, from line 820 after page 21’s footnote 8, opens page 22 but continues this paragraph, so p21' },
  { starts: 'We identified a similar delay', line: 826, page: 22, why: 'the first new paragraph of page 22 (opened at line 820)' },
  { starts: 'The force recognises its position with victim satisfaction rates', line: 847, page: 22, why: 'begins at line 847 on page 22 and runs on into line 852, which opens page 23: cited where it begins' },
  { starts: 'Cleveland Police’s approach to investigating crime and managing offenders is generally good. The force', line: 931, page: 25, why: '"Summary of findings" at line 925 opens page 25 (its first sentence alone also stands on p3, the overview of grades)' },
  { starts: 'This question was inspected between June and August 2015', line: 972, page: 26, why: 'the third main question opens page 26 at line 969' },
  { starts: 'HMIC found that there are some key areas for improvement in the way in which', line: 1018, page: 27, why: 'line 1018 opens page 27, a page of one paragraph' },
  { starts: 'As at 30 June 2015, Cleveland Police was actively disrupting', line: 1041, page: 28, why: 'the fourth main question opens page 28 at line 1023' },
  { starts: 'Drug activity 85%', line: 1093, page: 30, why: 'Figure 7’s table text stands after page 30’s footnotes 15-16 and before page 31 opens at line 1106' },
  { starts: 'Despite the use of standard software and methods', line: 1136, page: 31, why: 'begins on page 31; "recommended that ROCUs assume …" at line 1153 opens page 32 but finishes this sentence, so p31' },
  { starts: 'Good', line: 1255, page: 34, why: 'the serious and organised crime grade, under "Summary of findings" on page 34 (opened at line 1245)' },
  { starts: 'The judgment categories are:', line: 1294, page: 35, why: 'Annex A opens page 35, the last, at line 1291' },
];

describe('golden pages (checked by hand)', () => {
  const { report } = seed();
  it.each(GOLDEN)('"$starts" is on p$page ($why)', ({ starts, line, page }) => {
    const block = starts === 'Good' ? report.blocks.find((b) => b.kind === 'grade' && b.line === line)! : blockStarting(report, starts);
    expect({ line: block.line, page: block.page }).toEqual({ line, page });
  });

  it('checks at least 15 blocks spread over the report', () => {
    expect(GOLDEN.length).toBeGreaterThanOrEqual(15);
    expect(new Set(GOLDEN.map((g) => g.page)).size).toBeGreaterThanOrEqual(15);
  });

  it('keeps a paragraph continued across a page and its footnotes whole', () => {
    expect(blockStarting(report, 'The force’s ability to provide effective digital investigation').text).toContain(
      'This is creating a backlog of examinations and although work is prioritised based on risk',
    );
    expect(blockStarting(report, 'Despite the use of standard software').text).toMatch(
      /For these reasons, HMIC has recommended that ROCUs assume responsibility for OCG mapping on behalf of their constituent forces\.$/,
    );
  });
});
