import { Global, Module } from '@nestjs/common';
import { CertificationsController } from './certifications.controller';
import { CertificationHandler } from './certifications.handlers';
import { CertificationLookup } from './certification-lookup';

/** Global because audits, incidents and controls check the certification they name. */
@Global()
@Module({ controllers: [CertificationsController], providers: [CertificationHandler, CertificationLookup], exports: [CertificationLookup] })
export class CertificationsModule {}
