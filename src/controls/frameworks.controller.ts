import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { ListParams, ReadParams } from '../read-side/read-params';
import { GetFramework, ListFrameworkRequirements, ListFrameworkRequirementsParams, ListFrameworks } from './frameworks.queries';
import { ApiItem, ApiList } from '../openapi/operations';
import { Framework, FrameworkRequirement, FrameworkSummary } from './frameworks.schemas';

/** The framework catalogs shipped with the product, such as SecNumCloud 3.2. */
@ApiTags('frameworks')
@ApiBearerAuth()
@Controller('frameworks')
export class FrameworksController {
  constructor(private readonly queries: QueryBus) {}

  @ApiList('List frameworks', FrameworkSummary)
  @Get()
  @Reads()
  list(@Query() params: ListParams) {
    return this.queries.execute(new ListFrameworks(params));
  }

  @ApiItem('Get a framework with its chapters and sections', Framework)
  @Get(':id')
  @Reads()
  get(@Param('id') id: string, @Query() params: ReadParams) {
    return this.queries.execute(new GetFramework(id, params));
  }

  @ApiList('List the requirements of a framework', FrameworkRequirement)
  @Get(':id/requirements')
  @Reads()
  requirements(@Param('id') id: string, @Query() params: ListFrameworkRequirementsParams) {
    return this.queries.execute(new ListFrameworkRequirements(id, params));
  }
}
