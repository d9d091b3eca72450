// How the API says no: every refusal is JSON with a stable `error` code (protocol.ts errorResponse), and a
// 400 lists each problem with its path. Nothing here logs a body or a header: bodies are the devices' data and
// headers carry tokens.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type * as z from 'zod/mini';
import type { ErrorResponse } from '../src/sync/protocol';
import { RateLimited } from './rate-limit';

type Issue = NonNullable<ErrorResponse['issues']>[number];

/** Enough to fix a report; a body of 10,000 bad cells must not get a megabyte of answer. */
export const MAX_ISSUES = 100;

/** zod's issues as the wire's: one entry per unknown field (with the field in its path), no input echoed. */
export function toIssues(error: z.core.$ZodError): Issue[] {
  return error.issues
    .slice(0, MAX_ISSUES)
    .flatMap((i): Issue[] => {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      if (i.code === 'unrecognized_keys') {
        return i.keys.map((key) => ({ path: [...path, key], code: i.code, message: i.message }));
      }
      return [{ path, code: i.code, message: i.message }];
    })
    .slice(0, MAX_ISSUES);
}

export function sendInvalid(reply: FastifyReply, issues: Issue[]) {
  return reply.code(400).send({ error: 'invalid_body', issues } satisfies ErrorResponse);
}

/** Fastify's own errors (body parsing, limits) mapped to the API's codes. */
const KNOWN: Record<string, [status: number, error: string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length'],
};

export function registerErrorHandler(app: FastifyInstance, bodyLimit: number) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof RateLimited) {
      return reply
        .code(429)
        .header('Retry-After', String(err.retryAfter))
        .send({ error: 'rate_limited', retryAfter: err.retryAfter });
    }
    const known = err.code ? KNOWN[err.code] : undefined;
    if (known) {
      req.log.info({ code: err.code }, 'request refused');
      const [status, error] = known;
      return reply.code(status).send(status === 413 ? { error, limit: bodyLimit } : { error });
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      // Only the code: parser messages may quote the input.
      req.log.info({ code: err.code, status }, 'request refused');
      return reply.code(status).send({ error: 'bad_request' });
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal' });
  });
}
