import { array, component, date, extend, integer, Localised, object, text } from '../openapi/schema';

const frameworkSummary = object({
  id: text(),
  name: text(),
  version: text(),
  publisher: text(),
  publishedOn: date,
  catalogVersion: integer({ minimum: 1 }),
  chapters: integer({ minimum: 0, description: 'How many chapters' }),
  requirements: integer({ minimum: 0, description: 'How many requirements' }),
});

export const FrameworkSummary = component('FrameworkSummary', frameworkSummary);

export const Framework = component(
  'Framework',
  extend(frameworkSummary, {
    chapters: array(object({ id: text(), title: Localised, requirements: integer({ minimum: 0 }), sections: array(object({ id: text(), title: Localised, requirements: array(text()) })) })),
  }),
);

export const FrameworkRequirement = component('FrameworkRequirement', object({ ref: text(), summary: Localised, chapter: text(), section: text() }));
