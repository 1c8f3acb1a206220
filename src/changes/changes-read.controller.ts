import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { ReadParams } from '../read-side/read-params';
import { GetChange, ListChanges, ListChangesParams } from './changes.queries';

@ApiTags('changes')
@ApiBearerAuth()
@Controller('changes')
export class ChangesReadController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Reads()
  list(@Query() params: ListChangesParams) {
    return this.queries.execute(new ListChanges(params));
  }

  @Get(':id')
  @Reads()
  get(@Param('id') id: string, @Query() params: ReadParams) {
    return this.queries.execute(new GetChange(id, params));
  }
}
