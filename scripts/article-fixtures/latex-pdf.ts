/**
 * PDFs as LaTeX makes them (a preprint server's usual file): the article's LaTeX source run
 * through pdfTeX, in one column and in two (`twocolumn`, 10 pt between the columns), and, where
 * the article has a cover.tex, once more behind that download cover page (an archive's or a
 * publisher's, with the citation and terms of use). Computer
 * Modern's symbol font gives pdfjs no Unicode for its bullet and dagger. Needs Debian's
 * texlive-latex-base, texlive-latex-recommended and texlive-fonts-recommended.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Articles with a LaTeX source (article.tex). */
export const LATEX_VARIANTS = ["latex-preprint", "numbered-affiliations-mdpi", "working-paper-series"];

function pdflatex(dir: string, file: string): void {
  // Twice, as LaTeX needs for its footnote marks and references; dates fixed so the bytes repeat.
  for (let pass = 0; pass < 2; pass++) {
    const r = spawnSync("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", file], {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, SOURCE_DATE_EPOCH: "1740787200", FORCE_SOURCE_DATE: "1" },
    });
    if (r.status !== 0) throw new Error(`pdflatex failed for ${file}: ${r.stdout.slice(-800) || r.error?.message}`);
  }
}

export function buildLatexVariants(root: string): void {
  for (const name of LATEX_VARIANTS) {
    const dir = mkdtempSync(join(tmpdir(), "latex-"));
    try {
      const source = readFileSync(join(root, name, "article.tex"), "utf8");
      writeFileSync(join(dir, "one.tex"), source);
      writeFileSync(join(dir, "two.tex"), source.replace(/^\\documentclass\[([^\]]*)\]/m, (_, options: string) => `\\documentclass[${options.replace(/\b1[12]pt\b/, "10pt")},twocolumn]`));
      pdflatex(dir, "one.tex");
      pdflatex(dir, "two.tex");
      copyFileSync(join(dir, "one.pdf"), join(root, name, "article-latex.pdf"));
      copyFileSync(join(dir, "two.pdf"), join(root, name, "article-latex-twocolumn.pdf"));
      console.log(`${name}/article-latex.pdf, ${name}/article-latex-twocolumn.pdf`);
      const cover = join(root, name, "cover.tex");
      if (existsSync(cover)) {
        writeFileSync(join(dir, "cover.tex"), source.replace("\\maketitle", () => `${readFileSync(cover, "utf8")}\n\\maketitle`));
        pdflatex(dir, "cover.tex");
        copyFileSync(join(dir, "cover.pdf"), join(root, name, "article-latex-cover.pdf"));
        console.log(`${name}/article-latex-cover.pdf`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
