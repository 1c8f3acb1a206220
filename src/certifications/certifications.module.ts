import { Global, Module } from '@nestjs/common';
import { CertificationsController } from './certifications.controller';
import { CertificationHandler } from './certifications.handlers';
import { CertificationLookup } from './certification-lookup';
import { CertificationsReadController } from './certifications-read.controller';
import { CERTIFICATION_QUERY_HANDLERS } from './certifications.queries';

/** Global because audits, incidents and controls check the certification they name. */
@Global()
@Module({
  controllers: [CertificationsController, CertificationsReadController],
  providers: [CertificationHandler, CertificationLookup, ...CERTIFICATION_QUERY_HANDLERS],
  exports: [CertificationLookup],
})
export class CertificationsModule {}
