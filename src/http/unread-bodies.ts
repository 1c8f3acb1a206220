import type { FastifyReply, FastifyRequest } from 'fastify';

/** Whether the request announces a body (a length above 0, or chunks). */
export const hasBody = (request: FastifyRequest): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * For a request refused before its body is read (401 without a valid token,
 * 429 over the address's allowance): the answer says `Connection: close`
 * and the socket stops being read now. Once the answer is flushed, Node
 * closes the connection instead of reading and discarding the rest of the
 * body to reach a next request, so the body costs the server nothing
 * whatever its size. The client gets the whole answer first; what it still
 * sends after is refused by the kernel. Requests without a body keep their
 * connection (decision 0016).
 */
export function closeInsteadOfReading(request: FastifyRequest, reply: FastifyReply): void {
  if (!hasBody(request)) return;
  reply.header('connection', 'close');
  request.raw.socket.pause();
}
