/** Bad usage or bad input: exit 2. The message is one sentence naming the bad value. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** Understood but refused (unknown order, transition not allowed): exit 1. */
export class RefusedError extends Error {
  readonly exitCode = 1;
}
