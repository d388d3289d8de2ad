// Copies the built files the pages load from node_modules (after `npm ci`) into the web UI's
// static folder, where the gateway serves them itself: nothing is fetched from a CDN at run
// time. The copies are build output (gitignored) and ship in the gateway's package data.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "gateway", "web", "static", "vendor");
// [package file, name in static/vendor/]
const FILES = [
  ["chart.js/dist/chart.umd.min.js", "chart.umd.min.js"],
  ["chart.js/LICENSE.md", "chart.js.LICENSE.md"],
];

mkdirSync(target, { recursive: true });
for (const [source, name] of FILES) {
  copyFileSync(join(here, "node_modules", source), join(target, name));
}
console.log(`copied ${FILES.length} files to ${target}`);
