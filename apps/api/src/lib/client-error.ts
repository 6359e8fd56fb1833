// Requests Node's HTTP parser refuses before Attest sees them (malformed framing, such as both
// Content-Length and Transfer-Encoding, the classic request-smuggling shape) still get a
// problem+json answer, and their body is never read.
import type { Socket } from 'node:net';
import { problemBody, problemContentType } from './problem.ts';

export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const isTooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = isTooLarge ? 431 : 400;
  const body = JSON.stringify(
    problemBody(
      status,
      isTooLarge ? 'headers-too-large' : 'malformed-http',
      isTooLarge ? 'The request headers are too large' : 'The request could not be read',
      isTooLarge
        ? 'Send fewer or shorter headers.'
        : 'The HTTP request is malformed (for example, it sends both Content-Length and Transfer-Encoding); it was not processed.',
    ),
  );
  socket.end(
    `HTTP/1.1 ${status} ${isTooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: ${problemContentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
