// npm start / start:web / stop: office-addin-debugging, but failing (exit 1) where it only prints an error and
// exits 0: desktop sideloading where Office desktop does not exist, and any "Unable to ..." it reports.
const { spawn } = require("child_process");

const SIDELOAD_PLATFORMS = ["win32", "darwin"];

/** The one line to print when these arguments ask for something this platform cannot do, else undefined. */
function cannotRun(args, platform) {
  if (args.includes("desktop") && !SIDELOAD_PLATFORMS.includes(platform)) {
    return `npm start cannot sideload into Excel desktop on ${platform} (Windows and macOS only): use npm run start:web -- --document <URL of a workbook in OneDrive/SharePoint>, or upload manifest.xml to Excel on the web (docs/excel.md).`;
  }
  return undefined;
}

function main(args) {
  const refusal = cannotRun(args, process.platform);
  if (refusal) {
    console.error(refusal);
    process.exitCode = 1;
    return;
  }
  const child = spawn(process.execPath, [require.resolve("office-addin-debugging/cli.js"), ...args], { stdio: ["inherit", "inherit", "pipe"] });
  let failed = false;
  child.stderr.on("data", (chunk) => {
    process.stderr.write(chunk);
    if (/Error: (Unable to|The command syntax is not valid)/.test(chunk.toString())) failed = true;
  });
  child.on("close", (code) => {
    process.exitCode = code || (failed ? 1 : 0);
  });
}

if (require.main === module) main(process.argv.slice(2));
module.exports = { cannotRun };
