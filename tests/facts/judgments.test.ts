import { describe, expect, it } from 'vitest';
import { seed } from '../corpus/seed.js';

const { facts } = seed();

describe('judgments', () => {
  it('are the five grades of the report: overall first, then each main question', () => {
    expect(facts.judgments.map((j) => [j.short, j.grade, j.page])).toEqual([
      ['Overall', 'requires improvement', 1],
      ['Preventing crime and anti-social behaviour, and keeping people safe', 'requires improvement', 16],
      ['Investigating crime and managing offenders', 'good', 25],
      ['Protecting from harm those who are vulnerable and supporting victims', 'requires improvement', 26],
      ['Tackling serious and organised crime, including its arrangements for fulfilling its national policing responsibilities', 'good', 34],
    ]);
  });

  it('name the question each grade answers, as the report asks it', () => {
    expect(facts.judgments.map((j) => j.title)).toEqual([
      'How effective is the force at keeping people safe and reducing crime?',
      'How effective is the force at preventing crime and anti-social behaviour, and keeping people safe?',
      'How effective is the force at investigating crime and managing offenders?',
      'How effective is the force at protecting from harm those who are vulnerable and supporting victims?',
      'How effective is the force at tackling serious and organised crime, including its arrangements for fulfilling its national policing responsibilities?',
    ]);
    expect(facts.judgments[0]!.question).toBe('overall');
  });

  it('quote the summary’s sentence that states the grade (else its opening sentence) and keep its paragraphs whole', () => {
    expect(facts.judgments.map((j) => j.quote)).toEqual([
      'Overall, Cleveland Police requires improvement in the way it keeps people safe and reduces crime.',
      'Cleveland Police demonstrates a clear and strong commitment to preventing crime and anti-social behaviour.',
      'Cleveland Police’s approach to investigating crime and managing offenders is generally good.',
      'However, HMIC found that the way in which the force protects those who are vulnerable, and at risk from harm requires improvement.',
      'Cleveland Police is good at identifying and understanding the threat and risk posed to its communities by serious and organised crime.',
    ]);
    // the prevention summary runs over a page break (p16 → p17) and stays three paragraphs
    expect(facts.judgments[1]!.summary).toHaveLength(3);
    expect(facts.judgments[1]!.summary[2]).toMatch(/^Cleveland Police has undertaken an evaluation/);
    expect(facts.judgments[2]!.summary).toHaveLength(6);
    // the vulnerability summary ends on p27 (line 1018), after page 26's footnote 11
    expect(facts.judgments[3]!.summary).toHaveLength(5);
    expect(facts.judgments[3]!.summary[4]).toMatch(/^HMIC found that there are some key areas for improvement/);
    expect(facts.judgments[4]!.summary).toHaveLength(5);
  });

  it('keep the overview’s statement of each question’s grade: p1’s overall paragraph, or p3’s page of grades for investigating', () => {
    expect(facts.judgments.map((j) => j.overview && [j.overview.page, j.overview.quote])).toEqual([
      null,
      [1, 'How it prevents crime and anti-social behaviour also requires improvement.'],
      [3, 'Cleveland Police’s approach to investigating crime and managing offenders is generally good.'],
      [1, 'Cleveland Police protects vulnerable people well but the ways in which it initially identifies and responds to vulnerable people requires improvement.'],
      [1, 'The force works very well to tackle serious and organised crime.'],
    ]);
  });

  it('cite the section path and page of the quoted paragraph', () => {
    expect(facts.judgments.map((j) => [j.citation.section, j.citation.page])).toEqual([
      ['Overview › Overall judgment', 1],
      ['Preventing crime and anti-social behaviour, and keeping people safe › Summary of findings', 16],
      ['Investigating crime and managing offenders › Summary of findings', 25],
      ['Protecting from harm those who are vulnerable and supporting victims › Summary of findings', 26],
      ['Tackling serious and organised crime, including its arrangements for fulfilling its national policing responsibilities › Summary of findings', 34],
    ]);
  });
});

describe('areas for improvement', () => {
  it('are the six bullets: 3 prevention (p17), 2 investigation (p25), 1 serious and organised crime (p34)', () => {
    expect(facts.improvements.map((i) => [i.short, i.page])).toEqual([
      ['Preventing crime and anti-social behaviour, and keeping people safe', 17],
      ['Preventing crime and anti-social behaviour, and keeping people safe', 17],
      ['Preventing crime and anti-social behaviour, and keeping people safe', 17],
      ['Investigating crime and managing offenders', 25],
      ['Investigating crime and managing offenders', 25],
      ['Tackling serious and organised crime, including its arrangements for fulfilling its national policing responsibilities', 34],
    ]);
  });

  it('keep each bullet whole, items split by a blank line joined', () => {
    expect(facts.improvements.map((i) => i.text)).toEqual([
      'The force should ensure that the prevention of crime and anti-social behaviour is a routine part of neighbourhood policing activity.',
      'The force should adopt a structured and consistent problem-solving process across the force to enable it to tackle crime and anti-social behaviour more effectively.',
      'The force should use evidence of ‘what works’ drawn from other forces, academics and partners to continually improve its approach to the prevention of crime and anti-social behaviour. There should be routine evaluation of tactics and sharing of effective practice at a local level.',
      'The force should ensure that all crimes are allocated promptly to investigators with the appropriate skills, accreditation and support to investigate them to a good standard.',
      'The force should improve its ability to retrieve digital evidence from mobile phones, computers and other electronic devices quickly enough to ensure that investigations are not delayed.',
      'The force should complete its serious and organised crime local profile including relevant data from partner agencies, and ensure that it has a local partnership structure in place with responsibility for tackling serious and organised crime.',
    ]);
    for (const i of facts.improvements) expect(i.citation.section).toMatch(/› Areas for improvement$/);
  });

  it('give no area for improvement to the vulnerability question, whose summary lists none', () => {
    expect(facts.improvements.filter((i) => i.short.startsWith('Protecting'))).toEqual([]);
  });
});
