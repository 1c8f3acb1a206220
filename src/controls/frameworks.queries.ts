import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsOptional, Matches } from 'class-validator';
import { ListParams, paginate, type ReadParams } from '../read-side/read-params';
import { invalid } from '../shared/errors';
import { requirementsOf, type CatalogChapter, type Framework } from './catalog';
import { FrameworkCatalog } from './framework-catalog';

/**
 * The catalogs ship with the product and are not event-sourced: `asOf` and
 * `minPosition` are accepted like on every query, and change nothing here.
 */
export class ListFrameworkRequirementsParams extends ListParams {
  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'chapter must be a chapter number such as 12' })
  chapter?: string;
}

export class ListFrameworks {
  constructor(readonly params: ListParams) {}
}
export class GetFramework {
  constructor(readonly id: string, readonly params: ReadParams) {}
}
export class ListFrameworkRequirements {
  constructor(readonly id: string, readonly params: ListFrameworkRequirementsParams) {}
}

const countRequirements = (chapter: CatalogChapter) => chapter.sections.reduce((sum, section) => sum + section.requirements.length, 0);

/** What identifies a framework and its wording, as a list item and at the head of its detail. */
const summaryOf = (framework: Framework) => ({
  id: framework.id,
  name: framework.name,
  version: framework.version,
  publisher: framework.publisher,
  publishedOn: framework.publishedOn,
  catalogVersion: framework.catalogVersion,
  chapters: framework.chapters.length,
  requirements: framework.chapters.reduce((sum, chapter) => sum + countRequirements(chapter), 0),
});

@QueryHandler(ListFrameworks)
export class ListFrameworksHandler implements IQueryHandler<ListFrameworks> {
  constructor(private readonly catalog: FrameworkCatalog) {}
  execute({ params }: ListFrameworks) {
    return Promise.resolve(paginate(this.catalog.list().map(summaryOf), (f) => f.id, params));
  }
}

@QueryHandler(GetFramework)
export class GetFrameworkHandler implements IQueryHandler<GetFramework> {
  constructor(private readonly catalog: FrameworkCatalog) {}
  execute({ id }: GetFramework) {
    const framework = this.catalog.get(id);
    const chapters = framework.chapters.map((chapter) => ({
      id: chapter.id,
      title: chapter.title,
      requirements: countRequirements(chapter),
      sections: chapter.sections.map((section) => ({
        id: section.id,
        title: section.title,
        requirements: section.requirements.map((r) => r.ref),
      })),
    }));
    return Promise.resolve({ ...summaryOf(framework), chapters });
  }
}

@QueryHandler(ListFrameworkRequirements)
export class ListFrameworkRequirementsHandler implements IQueryHandler<ListFrameworkRequirements> {
  constructor(private readonly catalog: FrameworkCatalog) {}
  execute({ id, params }: ListFrameworkRequirements) {
    const framework = this.catalog.get(id);
    const { chapter } = params;
    if (chapter !== undefined && !framework.chapters.some((c) => c.id === chapter)) {
      const known = framework.chapters.map((c) => c.id);
      throw invalid('chapter', `${framework.id} has no chapter ${chapter}; its chapters are ${known[0]} to ${known[known.length - 1]}`);
    }
    const rows = requirementsOf(framework).filter((r) => chapter === undefined || r.chapter === chapter);
    return Promise.resolve(paginate(rows, (r) => r.ref, params));
  }
}

export const FRAMEWORK_QUERY_HANDLERS = [ListFrameworksHandler, GetFrameworkHandler, ListFrameworkRequirementsHandler];
