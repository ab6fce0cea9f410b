/**
 * Runs LibreOffice headless to convert a file, with a private profile so it
 * never touches (or waits on) a desktop session's settings.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Convert `file` to `format` ("html", "pdf", or a filter spec such as "pdf:writer_pdf_Export:{…}") into `outDir`. */
export function convertWithLibreOffice(file: string, format: string, outDir: string): void {
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  try {
    const r = spawnSync(
      "soffice",
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--convert-to", format, "--outdir", outDir, file],
      { encoding: "utf8", timeout: 180_000 },
    );
    if (r.status !== 0) throw new Error(`soffice failed for ${file}: ${r.stderr || r.stdout || r.error?.message}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
