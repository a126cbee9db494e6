import { ErrorResponseSchema } from '@longarm/contracts';

const answer = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorResponseSchema } },
});

/** The error answers routes declare in the OpenAPI document, all in the one error shape. */
export const ERROR_RESPONSES = {
  400: answer('Bad input'),
  401: answer('Not logged in'),
  403: answer('Not allowed for this caller'),
  404: answer('Not found (also for a record the caller may not read)'),
  500: answer('Server error'),
};
