import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from './errors';

/** One uploaded file: its bytes, the type the client declared, and a name fit to show (never a path). */
export interface Upload {
  bytes: Buffer;
  /** The part's Content-Type as the client sent it; the bytes, not this, decide what the file is. */
  declaredType: string;
  fileName: string;
}

/**
 * A file name as a label only: files are stored under the SHA-256 of their bytes, so the client's name never
 * becomes a path; separators, control characters and the characters Windows refuses are replaced all the same,
 * because the name comes back in a Content-Disposition header and on the users' disks.
 */
export function safeFileName(name: string | undefined, maxLength: number, fallback: string): string {
  const cleaned = (name ?? '')
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '_')
    .slice(0, maxLength);
  return /^[._\s]*$/.test(cleaned) ? fallback : cleaned;
}

/**
 * Reads the one part `file` of a multipart/form-data request. A body the multipart parser cannot read (no
 * boundary, cut off before its end) is the client's fault and answers 400 naming `file`; a file over the limit
 * answers 413.
 */
export async function receiveUpload(
  request: FastifyRequest,
  options: { maxBytes: number; fileNameMax: number; fallbackName: string },
): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  try {
    const part = await request.file({ limits: { fileSize: options.maxBytes, files: 1, fields: 5 } });
    if (!part || part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', key: 'REQUIRED' }] });
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
    return { bytes, declaredType: part.mimetype ?? '', fileName: safeFileName(part.filename, options.fileNameMax, options.fallbackName) };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { statusCode?: unknown }).statusCode === 413) throw new AppError('PAYLOAD_TOO_LARGE', { cause: err });
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', key: 'UPLOAD_MALFORMED' }], cause: err });
  }
}
