import { servicePhoneRule } from '@blazwa/core';

/** A well-formed Indonesian mobile: 62, then 8, then 8 to 11 more digits (10–13 digits after 62 in all). */
const INDONESIAN_MOBILE = /^628\d{8,11}$/;

/** Who is on WhatsApp, as far as the sandbox pretends to know. */
export interface Directory {
  isRegistered(normalizedPhone: string): boolean;
}

export function createDirectory(registered: readonly string[] = [], unregistered: readonly string[] = []): Directory {
  const yes = new Set(registered.map((phone) => servicePhoneRule(phone, 'registered')));
  const no = new Set(unregistered.map((phone) => servicePhoneRule(phone, 'unregistered')));
  return {
    isRegistered(phone) {
      if (no.has(phone)) return false;
      return yes.has(phone) || INDONESIAN_MOBILE.test(phone);
    },
  };
}
