import { Injectable } from '@nestjs/common';
import { CommandRunner } from '../command-side/command-runner';
import { changeDecider, type ChangeState } from './changes.decider';
import { changeStream } from './changes.events';

/** For other areas' handlers: an upstream change as its stream holds it, or null when it was never received. */
@Injectable()
export class ChangeLookup {
  constructor(private readonly runner: CommandRunner) {}

  async find(changeId: string): Promise<ChangeState | null> {
    const { state, revision } = await this.runner.load(changeDecider, changeStream(changeId));
    return revision < 0 ? null : state;
  }
}
