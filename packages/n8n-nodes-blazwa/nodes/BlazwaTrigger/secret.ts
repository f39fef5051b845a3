import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret for the webhook URL's query string: 32 hex characters, unguessable. */
export function newSecret(): string {
	return randomBytes(16).toString('hex');
}

/** Compares in time that does not depend on where the strings differ, so the secret cannot be guessed byte by byte. */
export function secretMatches(expected: string, given: unknown): boolean {
	if (typeof given !== 'string' || expected === '') return false;
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given, 'utf8');
	// Compare against itself on a length mismatch so the time spent is the same either way.
	return timingSafeEqual(a, a.length === b.length ? b : a) && a.length === b.length;
}
