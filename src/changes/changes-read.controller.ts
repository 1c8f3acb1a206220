import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { ReadParams } from '../read-side/read-params';
import { GetChange, ListChanges, ListChangesParams } from './changes.queries';
import { ApiItem, ApiDatedList } from '../openapi/operations';
import { Change, ChangeDetail } from './changes.schemas';

@ApiTags('changes')
@ApiBearerAuth()
@Controller('changes')
export class ChangesReadController {
  constructor(private readonly queries: QueryBus) {}

  @ApiDatedList('List upstream changes', Change)
  @Get()
  @Reads()
  list(@Query() params: ListChangesParams) {
    return this.queries.execute(new ListChanges(params));
  }

  @ApiItem('Get an upstream change', ChangeDetail)
  @Get(':id')
  @Reads()
  get(@Param('id') id: string, @Query() params: ReadParams) {
    return this.queries.execute(new GetChange(id, params));
  }
}
