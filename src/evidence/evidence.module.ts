import { Global, Module } from '@nestjs/common';
import { EvidenceController } from './evidence.controller';
import { StoreEvidenceHandler } from './evidence.handlers';
import { EvidenceLookup } from './evidence-lookup';
import { EvidenceStore } from './evidence-store';
import { EvidenceUploads } from './evidence-upload';
import { EVIDENCE_QUERY_HANDLERS } from './evidence.queries';

/** Global because control checks, remediations, audit reports and post-mortems check the evidence they cite. */
@Global()
@Module({
  controllers: [EvidenceController],
  providers: [EvidenceStore, EvidenceUploads, EvidenceLookup, StoreEvidenceHandler, ...EVIDENCE_QUERY_HANDLERS],
  exports: [EvidenceLookup, EvidenceStore],
})
export class EvidenceModule {}
