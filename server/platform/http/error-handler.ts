import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  AppError,
  ERROR_CODES,
  type ErrorCode,
  type FieldError,
  type Locale,
  interpolate,
  localeOfHeaders,
  localizeFieldProblem,
} from './errors';
import { describeZodIssue } from './validation';

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[] };
}

export function errorBody(code: ErrorCode, locale: Locale, params: Record<string, string | number> = {}, fields?: FieldError[]): ErrorBody {
  const entry = ERROR_CODES[code];
  const body: ErrorBody = { error: { code, message: interpolate(entry[locale], params) } };
  if (fields && fields.length > 0) body.error.fields = fields;
  return body;
}

export function sendError(reply: FastifyReply, locale: Locale, error: AppError): FastifyReply {
  const fields = error.fields?.map((f) => localizeFieldProblem(f, locale));
  return reply.code(error.status).type('application/json; charset=utf-8').send(errorBody(error.code, locale, error.params, fields));
}

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** PostgreSQL errors that are the client's fault, not the server's. */
function databaseErrorToAppError(err: unknown): AppError | null {
  let current: unknown = err;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      switch (code) {
        case '23505': // unique_violation
        case '40001': // serialization_failure
        case '40P01': // deadlock_detected
          return new AppError('CONFLICT', { cause: err });
        case '23503': // foreign_key_violation
        case '23514': // check_violation
        case '22P02': // invalid_text_representation
        case '22001': // string_data_right_truncation
        case '22003': // numeric_value_out_of_range
        case '22007': // invalid_datetime_format
        case '22008': // datetime_field_overflow
        case '22021': // character_not_in_repertoire (NUL bytes)
        case '22P05': // untranslatable_character (\u0000 in jsonb)
          return new AppError('BAD_REQUEST', { cause: err });
        default:
          return null;
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function validationFields(error: { validation: { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> }[]; validationContext?: string }, locale: Locale): FieldError[] {
  const prefix = error.validationContext;
  return error.validation.map((v) => {
    const path = v.instancePath.split('/').filter(Boolean);
    const issue = { code: v.keyword, path, message: v.message ?? '', ...v.params } as unknown as z.core.$ZodIssue;
    const inner = path.join('.');
    return { path: prefix ? (inner ? `${prefix}.${inner}` : prefix) : inner, message: describeZodIssue(issue, locale) };
  });
}

/**
 * Errors the router raises before any hook runs (Fastify's frameworkErrors): an address with invalid
 * percent-encoding, a path parameter over the router's length limit. Without this they would answer in
 * Fastify's own shape.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const locale = localeOfHeaders(request.headers);
  reply.header('x-request-id', request.id);
  const problem =
    error.code === 'FST_ERR_BAD_URL'
      ? new AppError('VALIDATION_FAILED', { fields: [{ path: 'url', key: 'URL_ENCODING' }] })
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new AppError('VALIDATION_FAILED', { fields: [{ path: 'params', key: 'PARAMETER_TOO_LONG' }] })
        : null;
  if (problem) {
    void sendError(reply, locale, problem);
    return;
  }
  request.log.error({ err: error }, 'router error');
  void reply.code(500).type('application/json; charset=utf-8').send(errorBody('INTERNAL', locale));
}

/** The single place where any thrown error becomes the documented error shape. Nothing internal leaks. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale ?? 'zh';
    if (err instanceof AppError) return sendError(reply, locale, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = validationFields(err as never, locale);
      return reply.code(400).send(errorBody('VALIDATION_FAILED', locale, {}, fields));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause?.issues }, 'response does not match its schema');
      return reply.code(500).send(errorBody('INTERNAL', locale));
    }
    const dbError = databaseErrorToAppError(err);
    if (dbError) {
      request.log.warn({ code: (err as { code?: string }).code, msg: err.message }, 'database rejected the request');
      return sendError(reply, locale, dbError);
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      if (err.validation) {
        const fields = err.validation.map((v) => ({ path: `${err.validationContext ?? ''}${v.instancePath.replace(/\//g, '.')}`, message: locale === 'en' ? (v.message ?? 'invalid') : '内容无效。' }));
        return reply.code(400).send(errorBody('VALIDATION_FAILED', locale, {}, fields));
      }
      if (status === 400 && /JSON|body/i.test(err.message)) {
        const message = locale === 'en' ? 'The request body is not valid JSON.' : '请求体不是有效的 JSON。';
        return reply.code(400).send(errorBody('VALIDATION_FAILED', locale, {}, [{ path: 'body', message }]));
      }
      const code = STATUS_TO_CODE[status] ?? 'BAD_REQUEST';
      return reply.code(ERROR_CODES[code].status).send(errorBody(code, locale));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody(status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL', locale));
  });
}
