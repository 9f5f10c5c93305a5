/**
 * Runs a form action. On an error of the form's own kind (`kind`: the feature's FormError) it calls `onError`, which
 * renders the form again with the messages, and answers true: the page is sent, the caller returns its reply. A
 * boolean, not the reply: a FastifyReply is a thenable that resolves to undefined once sent, so an async function
 * returning it gave the caller undefined and the caller's redirect then sent a second reply (issue 10). Any other
 * error goes on to the error handler.
 */
export async function runForm<E>(
  kind: abstract new (...args: never[]) => E,
  action: () => Promise<void>,
  onError: (e: E) => unknown,
): Promise<boolean> {
  try {
    await action();
    return false;
  } catch (e) {
    if (!(e instanceof kind)) throw e;
    await onError(e);
    return true;
  }
}
