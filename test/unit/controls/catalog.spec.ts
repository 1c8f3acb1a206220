import catalog from '../../../frameworks/secnumcloud-3.2.json';
import published from '../../fixtures/secnumcloud-3.2-structure.json';

/**
 * The published structure (chapter → section → requirement letters), kept apart from the
 * catalog so that an edit to the catalog cannot silently change what it is checked against.
 */
function structure() {
  const chapters = Object.entries(published.chapters as Record<string, Record<string, string[]>>);
  const sections = chapters.flatMap(([, bySection]) => Object.entries(bySection));
  return {
    chapters: chapters.map(([id]) => id),
    sections: sections.map(([id]) => id),
    requirements: sections.flatMap(([id, letters]) => letters.map((letter) => `${id}.${letter}`)),
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
