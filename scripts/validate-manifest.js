// Validates the add-in manifest offline: the Office XSD (xmllint), every resid defined in <Resources>, and no
// address on a placeholder host (a production build made without a real address).
// Usage: node scripts/validate-manifest.js [manifest.xml ...]
// Default: manifest.xml, and dist/manifest.xml when a production build exists.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { isPlaceholderHost } = require("./addresses");

const ROOT = path.resolve(__dirname, "..");
const SCHEMA = path.resolve(__dirname, "../schemas/office/OfficeAppManifestV1_1.xsd");

/** resid values used in the manifest that no <Resources> entry defines. */
function danglingResids(xml) {
  const resources = /<Resources>([\s\S]*?)<\/Resources>/.exec(xml);
  const defined = new Set();
  if (resources) for (const m of resources[1].matchAll(/<bt:(?:Image|Url|String)\s[^>]*\bid="([^"]+)"/g)) defined.add(m[1]);
  const used = [...xml.matchAll(/\bresid="([^"]+)"/g)].map((m) => m[1]);
  return [...new Set(used.filter((id) => !defined.has(id)))];
}

/** The distinct https/http addresses in the manifest whose host is a reserved example name. */
function placeholderUrls(xml) {
  const urls = [...xml.matchAll(/https?:\/\/[^\s"<]+/g)].map((m) => m[0]);
  return [...new Set(urls.filter((u) => URL.canParse(u) && isPlaceholderHost(new URL(u).hostname)))];
}

function validate(file) {
  const problems = [];
  const xmllint = spawnSync("xmllint", ["--noout", "--schema", SCHEMA, file], { encoding: "utf8" });
  if (xmllint.error) problems.push(`xmllint could not run (${xmllint.error.message}); install libxml2-utils`);
  else if (xmllint.status !== 0) problems.push(...xmllint.stderr.trim().split("\n").filter((l) => !/fails to validate$/.test(l)));
  const xml = fs.readFileSync(file, "utf8");
  const dangling = danglingResids(xml);
  if (dangling.length) problems.push(`resid not defined in <Resources>: ${dangling.join(", ")}`);
  const placeholders = placeholderUrls(xml);
  if (placeholders.length) {
    problems.push(`${placeholders.length} placeholder address(es), e.g. ${placeholders[0]}: build with npm run package -- --url https://your-server/path/`);
  }
  return problems;
}

function main(args) {
  const files = args.length ? args : ["manifest.xml", "dist/manifest.xml"].map((f) => path.join(ROOT, f)).filter((f, i) => i === 0 || fs.existsSync(f));
  let failed = false;
  for (const file of files) {
    if (!fs.existsSync(file)) {
      console.error(`${file}: file not found`);
      failed = true;
      continue;
    }
    const problems = validate(file);
    if (problems.length) {
      failed = true;
      console.error(`${path.relative(process.cwd(), file)}: INVALID`);
      for (const p of problems) console.error(`  - ${p}`);
    } else {
      console.log(`${path.relative(process.cwd(), file)}: valid (XSD + resid + addresses)`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

if (require.main === module) main(process.argv.slice(2));
module.exports = { danglingResids, placeholderUrls, validate };
