import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import catalog from '../../../frameworks/secnumcloud-3.2.json';

/** The structure file beside the project lists ids by indentation; we read ids only (one line is mis-indented). */
function structure() {
  const lines = readFileSync(resolve(__dirname, '../../../../shared/catalog/secnumcloud-3.2-structure.txt'), 'utf8').split('\n');
  const ids = lines.filter((line) => !line.startsWith('#')).map((line) => line.trim().split(/\s+/)[0]).filter(Boolean);
  return {
    chapters: ids.filter((id) => /^\d+$/.test(id)),
    sections: ids.filter((id) => /^\d+(\.\d+)+$/.test(id)),
    requirements: ids.filter((id) => /\.[a-z]+$/.test(id)),
  };
}

describe('built-in SecNumCloud 3.2 catalog', () => {
  const expected = structure();
  const sections = catalog.chapters.flatMap((chapter) => chapter.sections.map((section) => ({ chapter: chapter.id, ...section })));
  const requirements = sections.flatMap((section) => section.requirements.map((requirement) => ({ section: section.id, ...requirement })));

  it('has chapters 5 to 19 and every section of the published structure', () => {
    expect(catalog.chapters.map((chapter) => chapter.id)).toEqual(expected.chapters);
    expect(expected.chapters).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 5)));
    expect(sections.map((section) => section.id)).toEqual(expected.sections);
  });

  it('lists all 278 lettered requirements, each under its own section', () => {
    expect(requirements.map((requirement) => requirement.ref)).toEqual(expected.requirements);
    expect(requirements).toHaveLength(278);
    for (const requirement of requirements) expect(requirement.ref.replace(/\.[a-z]+$/, '')).toBe(requirement.section);
    for (const section of sections) expect(section.id.split('.')[0]).toBe(section.chapter);
  });

  it('summarises every requirement and titles every heading in French and English', () => {
    for (const item of [...catalog.chapters, ...sections]) {
      expect(item.title.fr.trim().length).toBeGreaterThan(3);
      expect(item.title.en.trim().length).toBeGreaterThan(3);
    }
    for (const requirement of requirements) {
      expect(requirement.summary.fr.trim().length).toBeGreaterThan(10);
      expect(requirement.summary.en.trim().length).toBeGreaterThan(10);
      expect(requirement.summary.fr).not.toBe(requirement.summary.en);
    }
  });
});
