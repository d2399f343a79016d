// Bundles the task pane and the ribbon commands. `npm run dev-server`: https://localhost:3000 with the
// Office dev certificates when present. Production (`--mode production`): dist/ with a manifest whose
// URLs point at `--env url=https://...` (what `npm run package -- --url` passes) or ADDIN_PROD_URL; without
// either, a placeholder that validate:manifest rejects.
const fs = require("fs");
const os = require("os");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const { PLACEHOLDER_URL, productionManifest } = require("./scripts/addresses");

/** The certificates `npx office-addin-dev-certs install` creates, read directly (see toolchain notes). */
function devHttps() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return { type: "https" };
  const options = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
  return { type: "https", options };
}

module.exports = (env, argv) => {
  const production = argv.mode === "production";
  const outDir = (env && env.outDir) || path.resolve(__dirname, "dist");
  const prodUrl = (env && env.url) || process.env.ADDIN_PROD_URL || PLACEHOLDER_URL;
  if (production && prodUrl === PLACEHOLDER_URL && !(env && env.outDir)) {
    console.warn(`dist/manifest.xml points at the placeholder ${PLACEHOLDER_URL}: for a release use npm run package -- --url https://...`);
  }
  return {
    entry: { taskpane: "./src/taskpane/taskpane.ts", commands: "./src/commands/commands.ts" },
    output: { path: outDir, filename: "[name].js", clean: true },
    devtool: production ? false : "source-map",
    resolve: { extensions: [".ts", ".js"] },
    module: {
      // ES modules (not the tsconfig's commonjs) so webpack tree-shakes zod's ESM build.
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020" } } } }],
    },
    performance: { maxEntrypointSize: 300000, maxAssetSize: 300000 },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "help.html", template: "./src/taskpane/help.html", chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (production ? productionManifest(content.toString(), prodUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
      server: devHttps(),
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: outDir },
      hot: false,
    },
  };
};
