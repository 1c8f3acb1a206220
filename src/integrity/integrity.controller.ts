import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { verifyLog, type IntegrityReport } from '../event-store/integrity';
import { ApiItem } from '../openapi/operations';
import { IntegrityReportSchema } from '../openapi/log-schemas';

@ApiTags('operations')
@Controller('integrity')
export class IntegrityController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Recomputes every stream's hash chain and names the first altered event. */
  @ApiItem('Verify every hash chain of the log', IntegrityReportSchema, { description: 'Every chain recomputed now' })
  @Get()
  @Reads()
  integrity(): Promise<IntegrityReport> {
    return verifyLog(this.store);
  }
}
