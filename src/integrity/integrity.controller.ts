import { Controller, Get, Inject } from '@nestjs/common';
import { Reads } from '../auth/roles';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { verifyLog, type IntegrityReport } from '../event-store/integrity';

@Controller('integrity')
export class IntegrityController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Recomputes every stream's hash chain and names the first altered event. */
  @Get()
  @Reads()
  integrity(): Promise<IntegrityReport> {
    return verifyLog(this.store);
  }
}
