/**
 * The account limits the forms show and check, without zod: the sign-in and registration screens
 * are in the browser's first script, and the schemas in auth.ts (which use these) load later.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
export const EMAIL_MAX_LENGTH = 254;
