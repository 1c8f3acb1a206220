import { Module } from '@nestjs/common';
import { DossierController } from './dossier.controller';
import { DossierService, IssueDossierHandler } from './dossier.service';

@Module({ controllers: [DossierController], providers: [DossierService, IssueDossierHandler] })
export class DossierModule {}
