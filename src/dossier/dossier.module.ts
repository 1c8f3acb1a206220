import { Module } from '@nestjs/common';
import { DossierController } from './dossier.controller';
import { DossierService, IssueDossierHandler } from './dossier.service';
import { PeopleLookup } from '../people/people-lookup';

@Module({ controllers: [DossierController], providers: [DossierService, IssueDossierHandler, PeopleLookup] })
export class DossierModule {}
