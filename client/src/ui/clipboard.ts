/** Copying a value the page shows once (an invite link, a webhook secret). */

/** Puts text on the clipboard; false when the browser refuses (then the field's text is selected for Ctrl+C). */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.focus();
    field?.select();
    return false;
  }
}
