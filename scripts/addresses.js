// The add-in's addresses: the development server the manifest names, the placeholder a build without an
// address writes, and the rewrite of the manifest for the address where the files are published.
const DEV_URL = "https://localhost:3000";
const PLACEHOLDER_URL = "https://verifica-piao.example.it";

/** Reserved example names (RFC 2606/6761) and the docs' Italian "esempio": a manifest that points there cannot work. */
function isPlaceholderHost(host) {
  return /(^|\.)(example|esempio)(\.[a-z]+)?$/i.test(host) || /\.(test|invalid)$/i.test(host);
}

/** The manifest with every development address replaced by `base` (an https URL, maybe with a path). */
function productionManifest(xml, base, version) {
  const url = base.replace(/\/+$/, "");
  const out = xml
    .split(`<AppDomain>${DEV_URL}</AppDomain>`)
    .join(`<AppDomain>${new URL(url).origin}</AppDomain>`)
    .split(DEV_URL)
    .join(url);
  // Office compares the four-part manifest version to notice an update.
  return version ? out.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}.0</Version>`) : out;
}

module.exports = { DEV_URL, PLACEHOLDER_URL, isPlaceholderHost, productionManifest };
