import { Injectable } from '@nestjs/common';
import { CommandRunner } from '../command-side/command-runner';
import { invalid } from '../shared/errors';
import { sovereigntyDecider } from './sovereignty.decider';
import { SOVEREIGNTY_STREAM } from './sovereignty.events';

/** For other areas' handlers: an access path that must be in the register, such as the one a change review cites. */
@Injectable()
export class AccessPathLookup {
  constructor(private readonly runner: CommandRunner) {}

  async require(accessId: string, field: string): Promise<void> {
    const { state } = await this.runner.load(sovereigntyDecider, SOVEREIGNTY_STREAM);
    if (!state.access[accessId]) throw invalid(field, `no access path ${accessId} in the register: GET /sovereignty lists them under access`);
  }
}
