// Bundles the task pane and the ribbon commands. `npm run dev-server`: https://localhost:3000 with the
// Office dev certificates when present. Production (`--mode production`): dist/ with a manifest whose
// URLs point at ADDIN_PROD_URL (default: a placeholder to replace, see docs/excel.md).
const fs = require("fs");
const os = require("os");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000";
const PROD_URL = (process.env.ADDIN_PROD_URL || "https://verifica-piao.example.it").replace(/\/+$/, "");

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
            transform: (content) => (production ? content.toString().split(DEV_URL).join(PROD_URL) : content),
          },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      server: devHttps(),
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: outDir },
      hot: false,
    },
  };
};
