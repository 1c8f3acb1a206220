import type { FastifyReply, FastifyRequest } from 'fastify';
import { Socket } from 'node:net';

/** Whether the request announces a body (a length above 0, or chunks). */
export const hasBody = (request: FastifyRequest): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/** How long a refused connection stays open, unread, after its answer and FIN (Go's net/http waits as long). */
export const LINGER_MS = 500;

/**
 * For a request refused before its body is read (401 without a valid token,
 * 429 over the address's allowance): the answer says `Connection: close`
 * and the socket stops being read now. Once the answer is flushed, the
 * connection is closed instead of the rest of the body being read and
 * discarded to reach a next request, so the body costs the server nothing
 * whatever its size. The client gets the whole answer and a FIN, then
 * LINGER_MS later the close (what it still sends is refused by the
 * kernel). Requests without a body keep their connection (decision 0016).
 */
export function closeInsteadOfReading(request: FastifyRequest, reply: FastifyReply): void {
  if (!hasBody(request)) return;
  reply.header('connection', 'close');
  const socket = request.raw.socket;
  if (!(socket instanceof Socket)) return; // an injected request (light-my-request) has no connection to close
  socket.pause();
  // Once answered, Node resumes the socket to discard the body: paused again in the same tick, nothing more is read.
  socket.on('resume', () => socket.pause());
  // Node would close as soon as the FIN is written, and a close with unread bytes sends a reset that can reach the
  // client before it has read the answer. As Go's net/http does: FIN, a moment for the client to read, then close.
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}
