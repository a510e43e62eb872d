/**
 * Errors a handler or service may throw that map to a client answer. Anything else is a 500 with
 * a generic message: the error shape is always `{ error: { code, message } }`, never a stack.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const notFound = (what = 'resource'): ApiError => new ApiError(404, 'not_found', `${what} not found`);
export const unauthorized = (message = 'authentication required'): ApiError =>
  new ApiError(401, 'unauthorized', message);
export const forbidden = (message = 'not allowed'): ApiError => new ApiError(403, 'forbidden', message);
export const conflict = (message: string): ApiError => new ApiError(409, 'conflict', message);
export const badRequest = (message: string): ApiError => new ApiError(400, 'bad_request', message);
