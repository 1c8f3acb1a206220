import { Injectable } from '@nestjs/common';
import { CommandRunner } from '../command-side/command-runner';
import { certificationDecider, type CertificationState } from './certifications.decider';
import { certificationStream } from './certifications.events';

/** For other areas' handlers: a certification that must exist, e.g. to learn its framework. */
@Injectable()
export class CertificationLookup {
  constructor(private readonly runner: CommandRunner) {}

  async get(certificationId: string): Promise<CertificationState> {
    const { state } = await this.runner.loadExisting(certificationDecider, certificationStream(certificationId), `certification ${certificationId}`);
    return state;
  }
}
