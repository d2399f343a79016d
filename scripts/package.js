// npm run package -- --url https://server/path/
// Builds the release for a comune's IT office: release/verifica-piao-<version>-excel.zip (the static files
// to publish at that address, the manifest pointing there, LEGGIMI.txt) and
// release/verifica-piao-<version>-sheets.zip (the Apps Script bundle, appsscript.json, LEGGIMI.txt); both carry
// the Italian install guide docs/installazione.md.
// Options: --dist DIR takes already built files from DIR (DIR/gas for Sheets) instead of building;
// --out DIR writes the zips there instead of release/.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { parseArgs } = require("util");
const { spawnSync } = require("child_process");
const JSZip = require("jszip");
const { isPlaceholderHost, productionManifest } = require("./addresses");
const { validate } = require("./validate-manifest");

const ROOT = path.resolve(__dirname, "..");
const GUIDE = path.join(ROOT, "docs/installazione.md");
const USAGE = "uso: npm run package -- --url https://server/percorso/";

class Refusal extends Error {}

/** The address the files will be published at, or a Refusal saying in one line what is wrong with it. */
function releaseUrl(raw) {
  if (!raw) throw new Refusal(`Manca l'indirizzo del server (${USAGE}).`);
  if (!URL.canParse(raw)) throw new Refusal(`Indirizzo non valido: "${raw}" (${USAGE}).`);
  const url = new URL(raw);
  if (url.protocol !== "https:") {
    throw new Refusal(`L'indirizzo deve iniziare con https://: Office carica i componenti aggiuntivi solo via HTTPS ("${raw}").`);
  }
  if (isPlaceholderHost(url.hostname)) {
    throw new Refusal(`"${raw}" è un indirizzo segnaposto: indicare l'indirizzo HTTPS reale del server dell'ente.`);
  }
  if (["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) {
    throw new Refusal(`"${raw}" è l'indirizzo di sviluppo di questo computer: indicare quello del server dell'ente, raggiungibile dagli utenti.`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Refusal(`L'indirizzo non deve avere parametri, # o credenziali: "${raw}".`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

function webpack(args) {
  const cli = require.resolve("webpack-cli/bin/cli.js");
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Refusal(`La compilazione non è riuscita (webpack ${args.join(" ")}).`);
}

/** Every file under dir, as paths relative to it with forward slashes. */
function listFiles(dir, skip = []) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join("/"))
    .filter((f) => !skip.some((s) => f === s || f.startsWith(`${s}/`)))
    .sort();
}

function excelLeggimi(version, url) {
  return `Verifica PIAO ${version} - componente aggiuntivo per Excel

Indirizzo di pubblicazione: ${url}

1. Copiare il contenuto della cartella "sito" sul server web, in modo che
   ${url}taskpane.html
   si apra in un browser senza avvisi sul certificato (HTTPS valido).
   Tipi MIME: .html text/html, .js application/javascript, .css text/css, .png image/png.
2. Distribuire manifest.xml (non serve pubblicarlo sul server):
   - Microsoft 365, interfaccia di amministrazione > Impostazioni > App integrate >
     Carica app personalizzate: per tutti gli utenti o per gruppi;
   - oppure, per una prova, Excel sul web: Home > Componenti aggiuntivi > Altri componenti
     aggiuntivi > Caricamento del componente aggiuntivo personale;
   - oppure, per pochi PC Windows, una cartella condivisa indicata come catalogo attendibile.
3. In Excel: scheda Home > Verifica foglio.

Guida completa (hosting IIS/nginx/Apache, Mac, aggiornamento, rimozione, problemi):
installazione.md in questo archivio (testo semplice, si apre con Blocco note).
Per aggiornare: pubblicare i nuovi file allo stesso indirizzo e distribuire il nuovo manifest.xml.
`;
}

function sheetsLeggimi(version) {
  return `Verifica PIAO ${version} - componente aggiuntivo per Fogli Google

Per un solo foglio di calcolo (nessun progetto Google Cloud, nessuno strumento da installare):
1. Aprire il foglio in Fogli Google, menu Estensioni > Apps Script.
2. Rinominare il progetto "Verifica PIAO" (è il nome del menu che comparirà).
3. Aprire il file Codice.gs (o Code.gs), cancellarne il contenuto e incollare tutto il
   contenuto di Code.js (aprirlo con Blocco note).
4. Impostazioni progetto (icona a ingranaggio) > spuntare "Mostra il file manifest
   appsscript.json nell'editor"; nell'editor aprire appsscript.json e sostituirne il
   contenuto con quello del file appsscript.json di questo archivio.
5. Salvare, tornare al foglio e ricaricarlo: compare Estensioni > Verifica PIAO.
   Al primo uso Google chiede di autorizzare lo script (accesso al solo foglio corrente).

Per tutto il dominio (componente aggiuntivo dell'ente): caricare questi due file con clasp
("clasp push") in un progetto Apps Script collegato a un progetto Google Cloud e pubblicarlo
come componente aggiuntivo privato del dominio: vedere installazione.md in questo archivio.
`;
}

/** Windows line ends and a BOM, so that Notepad shows the accents on any Windows version. */
function text(s) {
  return `\ufeff${s.replace(/\n/g, "\r\n")}`;
}

async function writeZip(file, entries) {
  const zip = new JSZip();
  for (const [name, content] of entries) zip.file(name, content);
  const data = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  fs.writeFileSync(file, data);
}

/** The release manifest after the same offline checks as validate:manifest (the XSD only where xmllint exists). */
function checkedManifest(xml) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verifica-piao-"));
  try {
    const file = path.join(dir, "manifest.xml");
    fs.writeFileSync(file, xml);
    const problems = validate(file);
    const noXmllint = problems.filter((p) => p.startsWith("xmllint could not run"));
    if (noXmllint.length) console.warn("Attenzione: xmllint non trovato, manifest.xml controllato senza lo schema XSD (installare libxml2-utils o xmllint).");
    const real = problems.filter((p) => !noXmllint.includes(p));
    if (real.length) throw new Refusal(`manifest.xml non valido: ${real.join("; ")}`);
    return xml;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv) {
  let opts;
  try {
    opts = parseArgs({ args: argv, options: { url: { type: "string" }, dist: { type: "string" }, out: { type: "string" } } }).values;
  } catch {
    throw new Refusal(`Opzioni non valide: ${argv.join(" ")} (${USAGE}).`);
  }
  // `npm run package --url=...` (without the --) reaches the script as npm_config_url.
  const url = releaseUrl(opts.url ?? process.env.npm_config_url);
  const version = require(path.join(ROOT, "package.json")).version;
  const dist = path.resolve(opts.dist ?? path.join(ROOT, "dist"));
  const out = path.resolve(opts.out ?? path.join(ROOT, "release"));
  if (!opts.dist) {
    webpack(["--mode", "production", "--env", `url=${url}`]);
    webpack(["--config", "webpack.gas.config.js", "--mode", "production"]);
  }
  const gas = path.join(dist, "gas");
  for (const f of [path.join(dist, "taskpane.html"), path.join(gas, "Code.js"), path.join(gas, "appsscript.json")]) {
    if (!fs.existsSync(f)) throw new Refusal(`File mancante: ${f} (compilare con npm run build o togliere --dist).`);
  }

  const manifest = checkedManifest(productionManifest(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"), url, version));
  fs.mkdirSync(out, { recursive: true });

  const excel = path.join(out, `verifica-piao-${version}-excel.zip`);
  const site = listFiles(dist, ["gas", "manifest.xml"]).map((f) => [`sito/${f}`, fs.readFileSync(path.join(dist, f))]);
  const guide = ["installazione.md", fs.readFileSync(GUIDE)];
  await writeZip(excel, [["LEGGIMI.txt", text(excelLeggimi(version, url))], guide, ["manifest.xml", manifest], ...site]);
  const sheets = path.join(out, `verifica-piao-${version}-sheets.zip`);
  await writeZip(sheets, [
    ["LEGGIMI.txt", text(sheetsLeggimi(version))],
    guide,
    ["Code.js", fs.readFileSync(path.join(gas, "Code.js"))],
    ["appsscript.json", fs.readFileSync(path.join(gas, "appsscript.json"))],
  ]);
  for (const f of [excel, sheets]) {
    const shown = path.relative(process.cwd(), f).startsWith("..") ? f : path.relative(process.cwd(), f);
    console.log(`${shown} (${Math.round(fs.statSync(f).size / 1024)} KB)`);
  }
}

main(process.argv.slice(2)).catch((e) => {
  if (!(e instanceof Refusal)) throw e;
  console.error(e.message);
  process.exitCode = 2;
});
