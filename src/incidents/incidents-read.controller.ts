import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { ReadParams } from '../read-side/read-params';
import { GetIncident, ListIncidents, ListIncidentsParams } from './incidents.queries';
import { ApiItem, ApiDatedList } from '../openapi/operations';
import { Incident, IncidentDetail } from './incidents.schemas';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsReadController {
  constructor(private readonly queries: QueryBus) {}

  /** The incident register, with each deadline's overdue flag as of the moment asked about. */
  @ApiDatedList('List incidents', Incident)
  @Get()
  @Reads()
  list(@Query() params: ListIncidentsParams) {
    return this.queries.execute(new ListIncidents(params));
  }

  @ApiItem('Get an incident with its deadlines', IncidentDetail)
  @Get(':id')
  @Reads()
  get(@Param('id') id: string, @Query() params: ReadParams) {
    return this.queries.execute(new GetIncident(id, params));
  }
}
