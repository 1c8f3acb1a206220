import { Module } from '@nestjs/common';
import { IncidentsController } from './incidents.controller';
import { IncidentHandler } from './incidents.handlers';
import { IncidentsReadController } from './incidents-read.controller';
import { INCIDENT_QUERY_HANDLERS } from './incidents.queries';

@Module({ controllers: [IncidentsController, IncidentsReadController], providers: [IncidentHandler, ...INCIDENT_QUERY_HANDLERS] })
export class IncidentsModule {}
