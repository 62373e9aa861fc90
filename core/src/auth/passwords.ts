import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

// The common-password dictionary plus keyboard patterns; no language packs (their word lists are
// large and the score is only used to refuse the weakest passwords). Built on first use.
let zxcvbn: ZxcvbnFactory | undefined;
const estimator = () => (zxcvbn ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));

/** Why a new password is not acceptable, or null. */
export function passwordProblem(password: string, context: string[] = []): string | null {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    return `The password must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) return `The password must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  // Score 0-1: found in the common-password list or trivially guessable (e.g. "1234567890").
  if (estimator().check(password, context).score < 2) {
    return 'The password is too common or easy to guess: use a longer phrase or mix in unrelated words';
  }
  return null;
}

/** argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one real verification. Login and reset call it for unknown accounts, so a
 * caller cannot tell from the answer time whether an address has an account.
 */
export async function burnVerificationTime(password: string): Promise<void> {
  dummy ??= hash('qusto-timing-equaliser');
  await verifyPassword(await dummy, password);
}
