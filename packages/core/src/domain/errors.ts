import type { ErrorCode } from '@longarm/contracts';

export type { ErrorCode };

/** An expected failure with a transport-neutral code; shells map codes to HTTP status or exit code. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

export const notFound = (kind: string, id: string): AppError =>
  new AppError('not_found', `${kind} ${id} not found`, { kind, id });

export const invalidInput = (message: string, details?: Record<string, unknown>, cause?: unknown): AppError =>
  new AppError('invalid_input', message, details, cause === undefined ? undefined : { cause });

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
