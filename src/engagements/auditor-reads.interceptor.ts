import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Clock } from '../shared/clock';
import { AuditorReads } from './auditor-reads';

/** Records each read an auditor made and got an answer to: who read which dossier, evidence or requirement, when. */
@Injectable()
export class AuditorReadsInterceptor implements NestInterceptor {
  constructor(
    private readonly reads: AuditorReads,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal;
    if (!principal || principal.role !== 'auditor' || request.method !== 'GET') return next.handle();
    return next.handle().pipe(
      tap(() => this.reads.record({ at: this.clock.now().toISOString(), subject: principal.subject, engagementId: principal.engagementId ?? null, path: request.url })),
    );
  }
}
