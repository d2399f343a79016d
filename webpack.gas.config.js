// Bundles the Google Sheets add-on (src/gsheets/Code.ts + the core + zod) into dist/gas/Code.js,
// one script whose exported functions are top-level declarations, as Apps Script needs.
const path = require("path");
const CopyPlugin = require("copy-webpack-plugin");
const GasPlugin = require("gas-webpack-plugin");

module.exports = {
  mode: "production",
  context: __dirname,
  entry: "./src/gsheets/Code.ts",
  // Apps Script V8 has no eval-based source maps and no DOM; es2019 keeps webpack's runtime plain.
  target: ["web", "es2019"],
  devtool: false,
  output: {
    path: path.resolve(__dirname, "dist/gas"),
    filename: "Code.js",
    clean: true,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: "ts-loader",
        exclude: /node_modules/,
        options: {
          transpileOnly: true, // `npm run typecheck` type-checks; ES modules let webpack drop zod's unused parts
          compilerOptions: { module: "es2020", target: "es2019", sourceMap: false },
        },
      },
    ],
  },
  performance: { hints: false },
  plugins: [
    // Only Code.ts assigns to `global`; parsing the other modules (zod) would be wasted work.
    new GasPlugin({ include: ["src/gsheets/Code.ts"] }),
    new CopyPlugin({ patterns: [{ from: "src/gsheets/appsscript.json", to: "appsscript.json" }] }),
  ],
};
