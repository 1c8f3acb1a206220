import { Global, Module } from '@nestjs/common';
import { EvidenceController } from './evidence.controller';
import { EvidenceFiles } from './evidence-files';
import { EvidenceLookup } from './evidence-lookup';
import { StoreEvidenceHandler } from './evidence.handlers';
import { ListEvidenceHandler } from './evidence.queries';

/** Global because checks, remediations and post-mortems cite evidence and must find it stored. */
@Global()
@Module({
  controllers: [EvidenceController],
  providers: [EvidenceFiles, EvidenceLookup, StoreEvidenceHandler, ListEvidenceHandler],
  exports: [EvidenceLookup],
})
export class EvidenceModule {}
