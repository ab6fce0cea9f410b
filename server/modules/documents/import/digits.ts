/**
 * Digits of other scripts, read as the ASCII digits they stand for: Arabic-Indic (٠–٩), the
 * Extended Arabic-Indic digits of Persian and Urdu (۰–۹) and full-width digits (０–９, Chinese and
 * Japanese typesetting). Each is one UTF-16 unit and becomes one, so an index into the result is
 * an index into the text as written: rules match the result and take values from the original.
 */
const OTHER_DIGITS_RE = /[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g;

function asciiDigit(digit: string): string {
  const code = digit.charCodeAt(0);
  const zero = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
  return String.fromCharCode(0x30 + code - zero);
}

export function asciiDigits(text: string): string {
  return text.replace(OTHER_DIGITS_RE, asciiDigit);
}
