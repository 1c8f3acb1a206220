import { en } from './en';
import { fr } from './fr';
import type { DossierTemplate, TemplateLanguage } from './template';

export { LANGUAGES, type DossierTemplate, type TemplateLanguage } from './template';

export const templates: Readonly<Record<TemplateLanguage, DossierTemplate>> = { fr, en };

/** The template a dossier in `language` is drawn with; its `version` goes in the manifest. */
export const templateFor = (language: TemplateLanguage): DossierTemplate => templates[language];
