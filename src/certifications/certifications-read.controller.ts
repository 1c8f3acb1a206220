import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { ReadParams } from '../read-side/read-params';
import { GetCertification, GetRequirement, ListCertifications, ListCertificationsParams, ListRequirements, ListRequirementsParams } from './certifications.queries';
import { ApiItem, ApiDatedList } from '../openapi/operations';
import { Certification, CertificationDetail, Requirement, RequirementListItem } from './certifications.schemas';

@ApiTags('certifications')
@ApiBearerAuth()
@Controller('certifications')
export class CertificationsReadController {
  constructor(private readonly queries: QueryBus) {}

  @ApiDatedList('List certifications', Certification)
  @Get()
  @Reads()
  list(@Query() params: ListCertificationsParams) {
    return this.queries.execute(new ListCertifications(params));
  }

  @ApiItem('Get a certification with its readiness by chapter', CertificationDetail)
  @Get(':id')
  @Reads()
  get(@Param('id') id: string, @Query() params: ReadParams) {
    return this.queries.execute(new GetCertification(id, params));
  }

  @ApiDatedList('List the requirements of a certification with their status', RequirementListItem)
  @Get(':id/requirements')
  @Reads()
  requirements(@Param('id') id: string, @Query() params: ListRequirementsParams) {
    return this.queries.execute(new ListRequirements(id, params));
  }

  @ApiItem('Get one requirement of a certification with its history', Requirement)
  @Get(':id/requirements/:ref')
  @Reads()
  requirement(@Param('id') id: string, @Param('ref') ref: string, @Query() params: ReadParams) {
    return this.queries.execute(new GetRequirement(id, ref, params));
  }
}
