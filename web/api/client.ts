/**
 * A small typed fetch client. It sends the session cookie, announces the UI language, and turns the server's
 * error shape {"error":{"code","message","fields"?}} into a thrown ApiError.
 */
import { acceptLanguageOf, currentLanguage } from '../i18n/language';

/** One offending field as the server names it (e.g. body.materials.0.name). */
export interface ApiFieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: ApiFieldError[];

  constructor(status: number, code: string, message: string, fields: ApiFieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  get isConflict(): boolean {
    return this.status === 409 && this.code === 'CONFLICT';
  }
}

/** Codes the client itself raises when no server answer arrived. */
export const NETWORK_ERROR = 'NETWORK_ERROR';

type UnauthorizedListener = (error: ApiError) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Called whenever an API call answers 401 (the session is gone or has expired). The staff console listens and
 * sends the user back to the login page.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Endpoints whose 401 is an answer, not a lost session. */
const SILENT_401 = new Set(['/api/auth/login', '/api/auth/me']);

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue> | undefined;
  body?: unknown;
  form?: FormData;
  signal?: AbortSignal | undefined;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string; fields?: ApiFieldError[] } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': acceptLanguageOf(currentLanguage()), Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    const message = currentLanguage() === 'en' ? 'Network error: the server could not be reached.' : '网络连接失败，请检查网络后重试。';
    throw new ApiError(0, NETWORK_ERROR, message);
  }
  if (response.ok) return response;

  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch (err) {
    // A cancelled query (its reader went away) is not an answer; anything else is not JSON (a proxy page).
    if (options.signal?.aborted) throw err;
  }
  const error = isErrorBody(parsed)
    ? new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.fields ?? [])
    : new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
  if (response.status === 401 && !SILENT_401.has(path)) for (const listener of unauthorizedListeners) listener(error);
  throw error;
}

async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A downloaded file and the name the server suggests for it. */
export interface Download {
  blob: Blob;
  fileName: string | null;
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // Fall through to the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => json<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  delete: <T>(path: string) => json<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => json<T>('POST', path, { form }),
  download: async (path: string): Promise<Download> => {
    const response = await send('GET', path);
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) };
  },
  /** A file answered to a POST: the request carries what proves the right to it in its body (the kiosk's identity check). */
  downloadPost: async (path: string, body: unknown): Promise<Download> => {
    const response = await send('POST', path, { body });
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) };
  },
};

/** Saves a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The message to show for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
