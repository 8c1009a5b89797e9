/**
 * The viewer's errors as HTTP answers: a request the server cannot honour (a path outside the
 * runs folder, an unknown run, a malformed run file) is a 4xx with a one-line message, so one bad
 * file shows as a message on its page and never stops the server.
 *
 * @example
 * ```ts
 * import { errorResponse, HttpError } from "./http_error.ts";
 * const answer = errorResponse(new HttpError(404, "no run named x"));
 * console.log(answer.status); // 404
 * ```
 * @module
 */
import { InputError } from "../errors.ts";

/** A request that cannot be answered, with the status and message to send. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * The response for an error: its own status for an `HttpError`, 422 for a file that does not
 * decode (an `InputError` names the file and the field), 403 where permissions stop a read,
 * 404 for a file that is not there, 500 (logged) for anything else.
 */
export function errorResponse(e: unknown): Response {
  const [status, message] = e instanceof HttpError
    ? [e.status, e.message]
    : e instanceof InputError
    ? [422, e.message]
    : e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied
    ? [403, "not readable with the server's permissions"]
    : e instanceof Deno.errors.NotFound
    ? [404, "no such file"]
    : [500, `internal error: ${(e as Error)?.message ?? String(e)}`];
  if (status === 500) console.error(e);
  return Response.json({ error: message }, { status });
}
