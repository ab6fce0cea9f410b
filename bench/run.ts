/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another (they
 * measure timing, so they must not share the two cores), and prints what each prints.
 * `npm run bench -- realtime` runs only the benches whose file name contains "realtime".
 * The soak (soak.bench.ts, 30 minutes by default) runs only when named: `npm run bench -- soak`.
 */
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
/** Benches left out of a run of all of them. */
const ON_REQUEST = new Set(["soak.bench.ts"]);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => (filter ? f.includes(filter) : !ON_REQUEST.has(f)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(here, f)], { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } });
  if (r.status !== 0) {
    failed++;
    console.log(`!!! ${f} exited with ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
