import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

/** A command's answer carries the stream revision it left as an ETag, for the next If-Match. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        const revision = (body as { revision?: unknown } | null)?.revision;
        if (typeof revision === 'number') void context.switchToHttp().getResponse<FastifyReply>().header('etag', `"${revision}"`);
        return body;
      }),
    );
  }
}
