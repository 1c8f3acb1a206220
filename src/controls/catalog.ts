/** A framework catalog as shipped in `frameworks/*.json`: pure data and lookups. */
export interface Localised {
  fr: string;
  en: string;
}

export interface CatalogRequirement {
  ref: string;
  summary: Localised;
}

export interface CatalogSection {
  id: string;
  title: Localised;
  requirements: CatalogRequirement[];
}

export interface CatalogChapter {
  id: string;
  title: Localised;
  sections: CatalogSection[];
}

export interface Framework {
  id: string;
  name: string;
  version: string;
  publisher: string;
  publishedOn: string;
  /** Bumped whenever our summaries change, so a dossier can name the wording it used. */
  catalogVersion: number;
  chapters: CatalogChapter[];
}

export interface RequirementEntry extends CatalogRequirement {
  chapter: string;
  section: string;
}

const flattened = new WeakMap<Framework, readonly RequirementEntry[]>();

/** Every requirement in catalog order; catalogs never change once loaded, so the list is made once per framework. */
export function requirementsOf(framework: Framework): readonly RequirementEntry[] {
  let entries = flattened.get(framework);
  if (!entries) {
    entries = framework.chapters.flatMap((chapter) =>
      chapter.sections.flatMap((section) => section.requirements.map((r) => ({ ...r, chapter: chapter.id, section: section.id }))),
    );
    flattened.set(framework, entries);
  }
  return entries;
}
